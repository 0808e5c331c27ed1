import type { PartialHandlerMap } from '../handler-types';

/** Backup and restore: handlers. */
export const backupHandlers: PartialHandlerMap<never> = {};

import type { PartialHandlerMap } from '../handler-types';

/** Export to school server: handlers. */
export const syncHandlers: PartialHandlerMap<never> = {};

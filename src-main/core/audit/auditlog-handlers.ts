import type { PartialHandlerMap } from '../handler-types';

/** Audit log: handlers. */
export const auditLogHandlers: PartialHandlerMap<never> = {};

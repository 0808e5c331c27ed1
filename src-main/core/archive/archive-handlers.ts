import type { PartialHandlerMap } from '../handler-types';

/** Archive: handlers. */
export const archiveHandlers: PartialHandlerMap<never> = {};

import type { PartialHandlerMap } from '../handler-types';

/** Statistics: handlers. */
export const statisticsHandlers: PartialHandlerMap<never> = {};

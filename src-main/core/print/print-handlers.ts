import type { PartialHandlerMap } from '../handler-types';

/** Print: handlers. */
export const printHandlers: PartialHandlerMap<never> = {};

/** Handlers of the cases channels: filled in with the module. */
export const casesHandlers = {};

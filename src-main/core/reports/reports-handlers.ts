/** Handlers of the reports channels: filled in with the module. */
export const reportsHandlers = {};

/** Handlers of the crisis channels: filled in with the module. */
export const crisisHandlers = {};

/** Handlers of the groups channels: filled in with the module. */
export const groupsHandlers = {};

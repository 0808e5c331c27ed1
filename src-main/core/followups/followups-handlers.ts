/** Handlers of the followups channels: filled in with the module. */
export const followupsHandlers = {};

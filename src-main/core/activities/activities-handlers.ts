/** Handlers of the activities channels: filled in with the module. */
export const activitiesHandlers = {};

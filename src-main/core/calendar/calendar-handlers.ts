/** Handlers of the calendar channels: filled in with the module. */
export const calendarHandlers = {};

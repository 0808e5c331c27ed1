/** Handlers of the notes channels: filled in with the module. */
export const notesHandlers = {};

/** Handlers of the keyattention channels: filled in with the module. */
export const keyAttentionHandlers = {};

/** The two IPC channels between preload and main: one for calls, one for pushed events. */
export const IPC_INVOKE = 'counsel:invoke';
export const IPC_EVENT = 'counsel:event';
/** The folder dialog (backup and export folders); answers a path or null, never file contents. */
export const IPC_CHOOSE_FOLDER = 'counsel:chooseFolder';

import { invoke } from './bridge';

/**
 * The core's status, asked for before React is even evaluated (main.tsx imports this module first,
 * and modules run in import order): the answer travels while react-dom starts up. A failure is
 * kept for Startup to handle (the main window then shows it with its retry button).
 */
export const startStatus = invoke('app.status', {});
startStatus.catch(() => undefined);

import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'counsel-workstation';

/**
 * The data folder when neither `--data-dir` nor COUNSEL_DATA_DIR is given. It is the same place
 * Electron's `userData` points to for this app name, so the CLI, the browser shell and the app
 * find the same store.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.COUNSEL_DATA_DIR) return env.COUNSEL_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The core's log: channel names, error codes and durations only. Never inputs, outputs or
 * messages from SQLite, since those can carry names or clinical text.
 */
export interface CoreLog {
  write(entry: { level: 'info' | 'warn' | 'error'; event: string; channel?: string; code?: string; ms?: number }): void;
}

export function fileLog(dataDir: string): CoreLog {
  const dir = join(dataDir, 'logs');
  return {
    write(entry) {
      // The data folder itself is made by setup (mode 0700); the log never creates it.
      if (!existsSync(dataDir)) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        // Created owner-only (the mode applies when the append creates the file); older logs are
        // narrowed at the next unlock.
        appendFileSync(join(dir, 'core.log'), `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`, { mode: 0o600 });
      } catch {
        // Logging must never break a call.
      }
    },
  };
}

export const silentLog: CoreLog = { write() {} };

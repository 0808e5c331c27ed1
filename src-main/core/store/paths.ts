import { join } from 'node:path';

/** Everything the workstation keeps lives in one data folder. */
export interface DataPaths {
  dataDir: string;
  database: string;
  keyring: string;
  unlockGuard: string;
  /** One line per failed unlock, beside the guard: see auth/unlock-guard.ts. */
  unlockJournal: string;
  /** Held around each unlock attempt, across processes. */
  unlockLock: string;
  logs: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    database: join(dataDir, 'counsel.db'),
    keyring: join(dataDir, 'keyring.json'),
    unlockGuard: join(dataDir, 'unlock-guard.json'),
    unlockJournal: join(dataDir, 'unlock-attempts.log'),
    unlockLock: join(dataDir, 'unlock-guard.lock'),
    logs: join(dataDir, 'logs'),
  };
}

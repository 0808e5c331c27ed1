import { join } from 'node:path';

/** Everything the workstation keeps lives in one data folder. */
export interface DataPaths {
  dataDir: string;
  database: string;
  keyring: string;
  unlockGuard: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    database: join(dataDir, 'counsel.db'),
    keyring: join(dataDir, 'keyring.json'),
    unlockGuard: join(dataDir, 'unlock-guard.json'),
  };
}

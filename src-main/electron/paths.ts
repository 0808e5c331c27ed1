import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built pieces sit relative to the main bundle (out/main/index.js):
 * out/main/core-worker.js, out/preload/index.cjs, out/renderer/.
 * Computed from this bundle's own location so chunking cannot move them.
 */
export interface AppPaths {
  workerFile: string;
  preloadFile: string;
  rendererDir: string;
}

export function appPaths(mainBundleUrl: string): AppPaths {
  const mainDir = dirname(fileURLToPath(mainBundleUrl));
  return {
    workerFile: join(mainDir, 'core-worker.js'),
    preloadFile: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: join(mainDir, '..', 'renderer'),
  };
}

/** COUNSEL_DATA_DIR when set (tests, portable installs), else the per-user default. */
export function dataDirFrom(env: NodeJS.ProcessEnv, userData: () => string): string {
  const fromEnv = env.COUNSEL_DATA_DIR?.trim();
  return fromEnv ? resolve(fromEnv) : userData();
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a second thread of the core from its entry module `name` (e.g. `audit-walk-worker`),
 * wherever the calling module `here` (its import.meta.url) runs from:
 * - under tsx (dev, tests, the CLI) the entry is the TypeScript source beside the caller, loaded
 *   through the tsx bootstrap (Node 20 ignores a worker's `--import`);
 * - in a build, the bundled `NAME.js` beside the caller's chunk or one folder up from it (each
 *   entry is listed in electron.vite.config.ts and bench/bundle.ts).
 * Null where the entry is not there or no thread starts: the caller then does the work itself.
 * `options`: the thread's own (resource limits); its workerData is this function's.
 */
export function startCoreThread(here: string, name: string, options: Omit<WorkerOptions, 'workerData'> = {}): Worker | null {
  let script: URL | null = null;
  let workerData: { entry: string } | undefined;
  if (here.endsWith('.ts')) {
    script = new URL('../worker/ts-worker-bootstrap.mjs', import.meta.url);
    workerData = { entry: new URL(`./${name}.ts`, here).href };
  } else {
    for (const candidate of [`./${name}.js`, `../${name}.js`]) {
      const url = new URL(candidate, here);
      if (existsSync(fileURLToPath(url))) {
        script = url;
        break;
      }
    }
  }
  if (!script) return null;
  try {
    return new Worker(script, workerData ? { ...options, workerData } : options);
  } catch {
    return null;
  }
}

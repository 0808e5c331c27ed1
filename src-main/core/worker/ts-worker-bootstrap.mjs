// Loads a TypeScript worker entry under tsx (dev, CLI, tests). Node 20 ignores `--import` in a
// worker's execArgv, so the loader is registered from here instead. Bundled builds never use it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

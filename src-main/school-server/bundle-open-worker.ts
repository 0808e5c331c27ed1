import { parentPort } from 'node:worker_threads';
import { BundleError } from '../core/sync/bundle/codec';
import { openAndPrepare, type OpenReply, type OpenRequest } from './bundle-opener';

/** Verifies, decrypts, parses (and prepares) bundles off the thread that applies them (bundle-opener.ts). */
parentPort!.on('message', (request: OpenRequest) => {
  openAndPrepare(request, request.prepare).then(
    (opened): void => parentPort!.postMessage({ id: request.id, ok: true, ...opened } satisfies OpenReply),
    (error: unknown): void => {
      const failure =
        error instanceof BundleError
          ? { bundleError: true, code: error.code, message: error.message, details: error.details }
          : { bundleError: false, code: null, message: error instanceof Error ? error.message : String(error), details: {} };
      parentPort!.postMessage({ id: request.id, ok: false, ...failure } satisfies OpenReply);
    },
  );
});

parentPort!.postMessage({ id: 0, ready: true } satisfies OpenReply);

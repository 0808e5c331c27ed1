import { parentPort } from 'node:worker_threads';
import { BundleError, openBundle } from '../core/sync/bundle/codec';
import type { OpenReply, OpenRequest } from './bundle-opener';

/** Verifies, decrypts and parses bundles off the thread that applies them (bundle-opener.ts). */
parentPort!.on('message', (request: OpenRequest) => {
  openBundle(request).then(
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

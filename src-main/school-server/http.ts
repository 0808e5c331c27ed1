import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BundleError, type BundleErrorCode } from '../core/sync/bundle/codec';
import type { Receiver } from './receiver';
import type { WebApi } from './web/api';
import { servePage } from './web/static-pages';

/** 100,000 events are about 40 MB of base64; anything far beyond is not a bundle. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

const STATUS_OF: Record<BundleErrorCode, number> = {
  unknownWorkstation: 403,
  badSignature: 403,
  tampered: 422,
  manifestMismatch: 422,
  unsupportedFormat: 400,
  malformed: 400,
  gap: 409,
  notRecipient: 422, // only a workstation opening a return file meets this one
};

/**
 * The HTTP API (docs/export-format.md): POST /v1/bundles, GET /v1/status. No authentication of
 * its own: every bundle is signed by a trusted workstation, and it listens on loopback unless told.
 * The views' API (/api/…, web/api.ts) has its own accounts and sessions.
 */
export function createReceiverServer(receiver: Receiver, log: (line: string) => void = () => undefined, web?: WebApi): Server {
  return createServer((req, res) => {
    const work = web
      ? web.handle(req, res).then((handled) => (handled || servePage(req, res, web.pagesDir) ? undefined : handle(receiver, req, res, log)))
      : handle(receiver, req, res, log);
    work.catch((error: unknown) => {
      log(`error: ${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, { error: 'internal', message: 'The receiver failed; see its log.' });
      else res.end();
    });
  });
}

async function handle(receiver: Receiver, req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/v1/status') {
    if (req.method !== 'GET') return send(res, 405, { error: 'method', message: 'Use GET.' });
    return send(res, 200, { workstations: await receiver.status() });
  }
  if (path !== '/v1/bundles') return send(res, 404, { error: 'notFound', message: `No such endpoint: ${path}` });
  if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'Use POST.' });

  let body: { manifestFile?: unknown; payload?: unknown };
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch (error) {
    if (error instanceof TooLarge) return send(res, 413, { error: 'malformed', message: error.message });
    return send(res, 400, { error: 'malformed', message: 'The body must be JSON { manifestFile, payload }.' });
  }
  if (typeof body?.manifestFile !== 'string' || typeof body.payload !== 'string') {
    return send(res, 400, { error: 'malformed', message: 'The body must hold manifestFile (text) and payload (base64 of the .age file).' });
  }
  const payload = Buffer.from(body.payload, 'base64');
  try {
    const result = await receiver.receive(body.manifestFile, payload);
    const m = result.manifest;
    if (result.outcome === 'pending') {
      log(`pending ${m.workstationId}/${m.profile} ${m.fromSeq}..${m.toSeq}: missing ${result.missing.fromSeq}..${result.missing.toSeq}`);
      return send(res, 409, { error: 'gap', message: result.message, missing: result.missing });
    }
    log(`${result.outcome} ${m.workstationId}/${m.profile} ${m.fromSeq}..${m.toSeq} (${m.eventCount} events)`);
    return send(res, 200, { outcome: result.outcome, receiptFile: result.receiptFile });
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    log(`refused (${error.code}): ${error.message}`);
    return send(res, STATUS_OF[error.code], { error: error.code, message: error.message });
  }
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new TooLarge(`The body exceeds ${MAX_BODY_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

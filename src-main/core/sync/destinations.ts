import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../keys/atomic-file';
import { isHttpUrl } from './sync-config';

export type Destination = { kind: 'folder'; place: string } | { kind: 'http'; place: string };

/** A sealed bundle as it is delivered. */
export interface SealedFiles {
  baseName: string;
  manifestFile: string;
  payload: Uint8Array;
  manifest: { payloadSha256: string };
}

/** What one delivery gave: delivered (maybe with the server's receipt), absent (try later) or refused. */
export type Delivery =
  | { outcome: 'delivered'; receiptFile: string | null }
  | { outcome: 'pending'; message: string }
  | { outcome: 'absent'; message: string }
  | { outcome: 'refused'; message: string };

export function destinationOf(text: string): Destination {
  return isHttpUrl(text) ? { kind: 'http', place: text } : { kind: 'folder', place: text };
}

export function describe(destination: Destination): string {
  return destination.place;
}

/** A USB stick not plugged in or a share not mounted: the folder itself is missing. */
export function folderPresent(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

export function bundleFilesPresent(folder: string, baseName: string): boolean {
  return existsSync(join(folder, `${baseName}.age`)) && existsSync(join(folder, `${baseName}.manifest.json`));
}

/** Payload first, manifest last: a receiver that sees the manifest finds its payload complete. */
export function writeToFolder(folder: string, files: SealedFiles): Delivery {
  if (!folderPresent(folder)) return { outcome: 'absent', message: 'folder missing' };
  try {
    writeFileAtomic(join(folder, `${files.baseName}.age`), files.payload);
    writeFileAtomic(join(folder, `${files.baseName}.manifest.json`), files.manifestFile);
    return { outcome: 'delivered', receiptFile: null };
  } catch (error) {
    // Pulled out mid-write, or read-only: the bundle waits like for an absent folder.
    return { outcome: 'absent', message: (error as Error).message };
  }
}

/** Receipt files the school server left in the folder for this workstation. */
export function receiptFilesIn(folder: string, workstationId: string): string[] {
  if (!folderPresent(folder)) return [];
  const prefix = `receipt-${workstationId}-`;
  return readdirSync(folder)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
    .sort()
    .map((name) => readFileSync(join(folder, name), 'utf8'));
}

function bundlesEndpoint(base: string): string {
  const url = new URL(base);
  if (!url.pathname.endsWith('/v1/bundles')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/bundles`;
  return url.toString();
}

const HTTP_TIMEOUT_MS = 60_000;

/** `POST /v1/bundles` (docs/export-format.md); connection failures mean "absent", not "refused". */
export async function postBundle(baseUrl: string, files: SealedFiles): Promise<Delivery> {
  let response: Response;
  try {
    response = await fetch(bundlesEndpoint(baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ manifestFile: files.manifestFile, payload: Buffer.from(files.payload).toString('base64') }),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { outcome: 'absent', message: cause?.code ?? (error as Error).message };
  }
  const body = (await response.json().catch(() => ({}))) as { receiptFile?: unknown; error?: unknown; message?: unknown };
  if (response.ok) return { outcome: 'delivered', receiptFile: typeof body.receiptFile === 'string' ? body.receiptFile : null };
  const message = `${response.status} ${typeof body.error === 'string' ? body.error : ''} ${typeof body.message === 'string' ? body.message : ''}`.trim();
  // A gap: the server keeps the bundle pending until the earlier one arrives.
  if (response.status === 409) return { outcome: 'pending', message };
  if (response.status >= 500 || response.status === 404 || response.status === 408 || response.status === 429) return { outcome: 'absent', message };
  return { outcome: 'refused', message };
}

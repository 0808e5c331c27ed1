import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundleError, readManifest, receiptFileName, type BundleManifest } from '../core/sync/bundle/codec';
import { trustedKeys } from './keys';
import { compareManifests, type Receiver } from './receiver';

export interface ImportLine {
  file: string;
  outcome: 'applied' | 'duplicate' | 'pending' | 'refused';
  fromSeq?: number;
  toSeq?: number;
  workstationId?: string;
  profile?: string;
  receiptFile?: string;
  error?: string;
  message?: string;
}

/**
 * `import FOLDER`: every bundle of the folder, per workstation and profile in sequence order,
 * through the same receiver as the HTTP API; a receipt file goes back into the folder for each
 * bundle applied (or already applied: the workstation may have lost the first receipt).
 */
export async function importFolder(receiver: Receiver, folder: string, dir: string): Promise<ImportLine[]> {
  const lines: ImportLine[] = [];
  const keys = trustedKeys(dir);
  const found: { baseName: string; manifest: BundleManifest; manifestFile: string }[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.manifest.json')) continue;
    const baseName = name.slice(0, -'.manifest.json'.length);
    const manifestFile = readFileSync(join(folder, name), 'utf8');
    try {
      found.push({ baseName, manifest: readManifest(manifestFile, keys), manifestFile });
    } catch (error) {
      lines.push(refused(name, error));
    }
  }
  found.sort(compareManifests);
  const present = found.filter(({ baseName }) => existsSync(join(folder, `${baseName}.age`)));
  // Opened ahead on a worker thread while the one before is applied (Receiver.receiveAll).
  const results = await receiver.receiveAll(
    present.map((f) => () => ({ manifestFile: f.manifestFile, payload: readFileSync(join(folder, `${f.baseName}.age`)) })),
  );
  const resultOf = new Map(present.map((f, i) => [f, results[i]]));
  for (const bundle of found) {
    const at = where(bundle.baseName, bundle.manifest);
    const result = resultOf.get(bundle);
    if (!result) {
      lines.push({ ...at, outcome: 'refused', error: 'malformed', message: `The payload ${bundle.baseName}.age is missing next to its manifest.` });
      continue;
    }
    if ('error' in result) {
      lines.push({ ...at, ...refused(at.file, result.error) });
      continue;
    }
    if (result.outcome === 'pending') {
      lines.push({ ...at, outcome: 'pending', error: 'gap', message: result.message });
      continue;
    }
    const receiptName = receiptFileName(bundle.manifest.workstationId, bundle.manifest.profile, bundle.manifest.toSeq);
    const temp = join(folder, `.${receiptName}.tmp`);
    writeFileSync(temp, result.receiptFile);
    renameSync(temp, join(folder, receiptName));
    lines.push({ ...at, outcome: result.outcome, receiptFile: receiptName });
  }
  return lines;
}

function where(baseName: string, manifest: BundleManifest) {
  return {
    file: `${baseName}.manifest.json`,
    fromSeq: manifest.fromSeq,
    toSeq: manifest.toSeq,
    workstationId: manifest.workstationId,
    profile: manifest.profile,
  };
}

function refused(file: string, error: unknown): ImportLine {
  if (error instanceof BundleError) return { file, outcome: 'refused', error: error.code, message: error.message };
  throw error;
}

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
  for (const { baseName, manifest, manifestFile } of found) {
    const where = {
      file: `${baseName}.manifest.json`,
      fromSeq: manifest.fromSeq,
      toSeq: manifest.toSeq,
      workstationId: manifest.workstationId,
      profile: manifest.profile,
    };
    const payloadFile = join(folder, `${baseName}.age`);
    if (!existsSync(payloadFile)) {
      lines.push({ ...where, outcome: 'refused', error: 'malformed', message: `The payload ${baseName}.age is missing next to its manifest.` });
      continue;
    }
    try {
      const result = await receiver.receive(manifestFile, readFileSync(payloadFile));
      if (result.outcome === 'pending') {
        lines.push({ ...where, outcome: 'pending', error: 'gap', message: result.message });
        continue;
      }
      const receiptName = receiptFileName(manifest.workstationId, manifest.profile, manifest.toSeq);
      const temp = join(folder, `.${receiptName}.tmp`);
      writeFileSync(temp, result.receiptFile);
      renameSync(temp, join(folder, receiptName));
      lines.push({ ...where, outcome: result.outcome, receiptFile: receiptName });
    } catch (error) {
      lines.push({ ...where, ...refused(where.file, error) });
    }
  }
  return lines;
}

function refused(file: string, error: unknown): ImportLine {
  if (error instanceof BundleError) return { file, outcome: 'refused', error: error.code, message: error.message };
  throw error;
}

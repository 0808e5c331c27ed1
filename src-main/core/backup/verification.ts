import { checkContainer } from './container';

/** The public shape of a verification (channel `backup.verify`, `counsel backup verify`). */
export function verificationOf(file: string) {
  const check = checkContainer(file);
  const manifest = check.manifest;
  return {
    ok: check.ok,
    file,
    bytes: check.bytes,
    sha256: check.sha256,
    problem: check.problem,
    manifest: manifest
      ? {
          version: manifest.version,
          appVersion: manifest.appVersion,
          schemaVersion: manifest.schemaVersion,
          workstationId: manifest.workstationId,
          databaseId: manifest.databaseId,
          schoolName: manifest.schoolName,
          createdAt: manifest.createdAt,
        }
      : null,
    parts: check.parts.map((part) => ({ name: part.name, bytes: part.bytes, sha256: part.sha256, ok: part.ok, problem: part.problem })),
  };
}

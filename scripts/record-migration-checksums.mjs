// Records the SHA-256 of each migration file the first time it is seen, and never changes a
// recorded one: a shipped migration has run on counselors' stores, so editing it would leave
// those stores different from new ones. A unit test compares the files against this record.
// Run `npm run db:checksums` once a new migration is final (after any hand-written SQL).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CHECKSUM_FILE = `${root}src-main/core/store/migration-checksums.json`;

export function migrationChecksums(folder = `${root}drizzle`) {
  const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8'));
  return Object.fromEntries(
    journal.entries
      .sort((a, b) => a.idx - b.idx)
      .map((entry) => [
        entry.tag,
        createHash('sha256')
          .update(readFileSync(`${folder}/${entry.tag}.sql`))
          .digest('hex'),
      ]),
  );
}

export function readRecordedChecksums(file = CHECKSUM_FILE) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const recorded = readRecordedChecksums();
  const current = migrationChecksums();
  const added = Object.keys(current).filter((tag) => !(tag in recorded));
  const changed = Object.keys(recorded).filter((tag) => tag in current && current[tag] !== recorded[tag]);
  writeFileSync(CHECKSUM_FILE, `${JSON.stringify({ ...recorded, ...Object.fromEntries(added.map((tag) => [tag, current[tag]])) }, null, 2)}\n`);
  console.log(added.length ? `recorded ${added.join(', ')}` : 'nothing new to record');
  if (changed.length) {
    console.error(`changed after it was recorded (write a new migration instead): ${changed.join(', ')}`);
    process.exitCode = 1;
  }
}

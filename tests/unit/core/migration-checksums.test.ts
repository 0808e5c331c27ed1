import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { migrationChecksums, readRecordedChecksums } from '../../../scripts/record-migration-checksums.mjs';

/**
 * A migration that has shipped has run on counselors' stores: changing its file afterwards would
 * leave those stores different from new ones, silently. Changes go into a new migration.
 */
describe('migration checksums', () => {
  const current: Record<string, string> = migrationChecksums();
  const recorded: Record<string, string> = readRecordedChecksums();

  it('no recorded migration has changed', () => {
    const changed = Object.keys(recorded).filter((tag) => current[tag] !== recorded[tag]);
    expect(changed, 'a shipped migration was edited or removed: put the change in a new migration').toEqual([]);
  });

  it('every migration is recorded (run `npm run db:checksums` once a new migration is final)', () => {
    expect(Object.keys(current).filter((tag) => !(tag in recorded))).toEqual([]);
  });
});

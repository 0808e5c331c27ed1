import dayjs from 'dayjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localTime } from '../../../src-shared/labels/local-time';

const root = resolve(__dirname, '../../..');
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('localTime: the one formatter for instants', () => {
  it('shows an instant in local time to the minute, as the renderer did with dayjs', () => {
    for (const iso of ['2026-09-03T06:05:59.999Z', '2026-12-31T23:59:00.000Z', '2027-01-01T00:00:00Z', '2026-03-29T01:30:00+08:00', '2026-09-03'])
      expect(localTime(iso), iso).toBe(dayjs(iso).format('YYYY-MM-DD HH:mm'));
  });

  it('a missing time shows the placeholder the screen asks for, and text that is no instant stays as it is', () => {
    expect(localTime(null)).toBe('—');
    expect(localTime(undefined)).toBe('—');
    expect(localTime('')).toBe('—');
    expect(localTime(null, '')).toBe('');
    expect(localTime(null, '–')).toBe('–');
    expect(localTime('not a time')).toBe('not a time');
  });

  it('is the only local-time formatter: no screen formats instants its own way', () => {
    const offenders = [...filesUnder(join(root, 'src-renderer')), ...filesUnder(join(root, 'src-shared'))]
      .filter((file) => /function localTime\b|const localTime\b|dayjs\([^)]+\)\.format\('YYYY-MM-DD HH:mm'\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file).split('\\').join('/'));
    expect(offenders).toEqual(['src-shared/labels/local-time.ts']);
  });
});

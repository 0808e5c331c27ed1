import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDirector, isDirectorOrOwner, isTraineeOnly, takesSupervisor } from '../../../src-shared/permissions';

const root = resolve(__dirname, '../../..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * Files still comparing role names by hand: renderer files another helper was converting this
 * session (to switch to isDirector / isDirectorOrOwner when they are committed). The school
 * server's web roles are a different set (director / liaison / leadership) and are not scanned.
 */
const NOT_YET_CONVERTED = [
  'src-renderer/components/cases/CaseActionModals.tsx',
  'src-renderer/components/followups/UnownedPanel.tsx',
  'src-renderer/screens/CaseView.tsx',
];

describe('role rules shared by the renderer and the core live in src-shared/permissions.ts', () => {
  it('a trainee with a licensed role besides signs alone; a trainee alone needs the co-signature', () => {
    expect(isTraineeOnly(['trainee'])).toBe(true);
    expect(isTraineeOnly(['trainee', 'admin'])).toBe(true);
    expect(isTraineeOnly(['trainee', 'counselor'])).toBe(false);
    expect(isTraineeOnly(['trainee', 'supervisor'])).toBe(false);
    expect(isTraineeOnly(['trainee', 'director'])).toBe(false);
    expect(isTraineeOnly(['counselor'])).toBe(false);
    expect(takesSupervisor(['trainee', 'counselor'])).toBe(true);
    expect(takesSupervisor(['counselor'])).toBe(false);
  });

  it('the director, or the owner of the record, manages it', () => {
    expect(isDirector(['admin', 'director'])).toBe(true);
    expect(isDirector(['supervisor', 'counselor'])).toBe(false);
    expect(isDirectorOrOwner(['counselor'], 'a1', 'a1')).toBe(true);
    expect(isDirectorOrOwner(['counselor'], 'a1', 'a2')).toBe(false);
    expect(isDirectorOrOwner(['counselor'], 'a1', null)).toBe(false);
    expect(isDirectorOrOwner(['director'], 'a1', undefined)).toBe(true);
  });

  it('neither the core nor the renderer compares director or trainee role names by hand', () => {
    const files = [...sourceFiles(join(root, 'src-main')), ...sourceFiles(join(root, 'src-renderer'))].filter(
      (file) => !/[\\/](school-web|school-server)[\\/]/.test(file),
    );
    const offenders = files
      .filter((file) => /includes\('(director|trainee)'\)|[!=]==? '(director|trainee)'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file).split('\\').join('/'));
    expect(offenders.sort()).toEqual([...NOT_YET_CONVERTED].sort());
  });
});

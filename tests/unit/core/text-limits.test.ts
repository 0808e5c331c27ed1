import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { NOTE_LIMITS } from '../../../src-shared/contract/notes';
import { GROUP_NOTE_MAX } from '../../../src-shared/contract/groups';
import { guardianSchema, studentFieldsSchema } from '../../../src-shared/contract/students';

const contractDir = resolve(__dirname, '../../../src-shared/contract');

/** A string schema whose maximum is a bare number (`z.string().trim().max(100)`), or a text helper given one (`optionalText(100)`). */
const bareTextLimit = /z\s*\.string\(\)(?:\s*\.(?:trim\(\)|toLowerCase\(\)|min\([^)]*\)))*\s*\.max\(\s*\d|\b(?:optionalText|text)\(\s*\d/g;

describe('text limits: one source (TEXT_MAX) for the contract and the forms', () => {
  it('no contract schema writes a text limit as a bare number', () => {
    const offenders = readdirSync(contractDir)
      .filter((name) => name.endsWith('.ts') && name !== 'limits.ts')
      .flatMap((name) => {
        const text = readFileSync(join(contractDir, name), 'utf8');
        return [...text.matchAll(bareTextLimit)].map((m) => `${name}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
      });
    expect(offenders).toEqual([]);
  });

  it('the scan would see a bare limit (it is not vacuous)', () => {
    expect('name: z.string().trim().min(1).max(64),'.match(bareTextLimit)).not.toBeNull();
    expect('  grade: optionalText(32),'.match(bareTextLimit)).not.toBeNull();
    expect('name: z.string().trim().min(1).max(TEXT_MAX.personName),'.match(bareTextLimit)).toBeNull();
  });

  it('a field takes exactly its named limit and refuses one character more', () => {
    const student = (name: string, className: string) => studentFieldsSchema.safeParse({ studentNo: 'S1', name, className });
    expect(student('名'.repeat(TEXT_MAX.personName), 'c'.repeat(TEXT_MAX.className)).success).toBe(true);
    expect(student('名'.repeat(TEXT_MAX.personName + 1), 'c').success).toBe(false);
    expect(student('名', 'c'.repeat(TEXT_MAX.className + 1)).success).toBe(false);
    expect(guardianSchema.safeParse({ name: '家长', phone: '1'.repeat(TEXT_MAX.phone), relation: null }).success).toBe(true);
    expect(guardianSchema.safeParse({ name: '家长', phone: '1'.repeat(TEXT_MAX.phone + 1), relation: null }).success).toBe(false);
    const rename = channels['settings.update'].input;
    expect(rename.safeParse({ workstationName: 'w'.repeat(TEXT_MAX.workstationName) }).success).toBe(true);
    expect(rename.safeParse({ workstationName: 'w'.repeat(TEXT_MAX.workstationName + 1) }).success).toBe(false);
  });

  it('the older named limits are the same numbers, read from TEXT_MAX', () => {
    expect(NOTE_LIMITS.sectionMax).toBe(TEXT_MAX.document);
    expect(NOTE_LIMITS.reasonMax).toBe(TEXT_MAX.shortReason);
    expect(GROUP_NOTE_MAX).toBe(TEXT_MAX.document);
  });

  it('every limit is a positive whole number', () => {
    for (const [name, value] of Object.entries(TEXT_MAX)) expect(Number.isInteger(value) && value > 0, name).toBe(true);
  });
});

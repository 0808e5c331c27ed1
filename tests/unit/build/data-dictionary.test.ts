import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_DICTIONARY_FILE, renderDataDictionary } from '../../../scripts/data-dictionary';

describe('data dictionary', () => {
  it('docs/data-dictionary.md is what the drizzle schema generates (run npx tsx scripts/data-dictionary.ts after a schema change)', async () => {
    const generated = await renderDataDictionary();
    expect(readFileSync(DATA_DICTIONARY_FILE, 'utf8').replace(/\r\n/g, '\n')).toBe(generated);
  });

  it('lists every table and column of the schema, with keys, references and the schema comments', async () => {
    const text = await renderDataDictionary();
    const tables = [...text.matchAll(/^### `([a-z_]+)`$/gm)].map((m) => m[1]);
    expect(new Set(tables).size).toBe(tables.length);
    for (const table of ['students', 'session_notes', 'audit_events', 'key_attention', 'export_bundles', 'destruction_records', 'attachments']) {
      expect(tables).toContain(table);
    }
    expect(text).toContain(`${tables.length} tables.`);
    // A column with its type, not-null flag and primary key; a foreign key; a JSDoc comment; an enum.
    expect(text).toMatch(/^\| `student_no` \| text \| yes \| {2}\| {2}\| {2}\| Unique\. \|$/m);
    expect(text).toMatch(/^\| `created_by` \| text \| {2}\| {2}\| {2}\| accounts\.id \|/m);
    expect(text).toContain('辅导员: the department counselor, by name as the registrar lists it.');
    expect(text).toContain('One of: `enrolled`, `leave`, `suspended`, `graduated`.');
    expect(text).toMatch(/^\| `disabled` \| integer \(boolean\) \| yes \| `false` \|/m);
  });
});

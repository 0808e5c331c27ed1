import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../src-main/core/store/schema';
import { AUDIT_CATEGORIES } from '../../../src-shared/contract/auditlog';
import { PERMISSIONS } from '../../../src-shared/permissions';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_CATEGORY_LABELS,
  AUDIT_ENTITY_LABELS,
  AUDIT_FIELD_LABELS,
  AUDIT_PERMISSION_LABELS,
  RAW_KEY_PATTERN,
  UUID_PATTERN,
  auditLabelsIn,
  describeAuditDetails,
} from '../../../src-shared/labels/audit-labels';
import { auditlogEn } from '../../../src-renderer/i18n/modules/auditlog.en';
import { auditlogZhCN } from '../../../src-renderer/i18n/modules/auditlog.zh-CN';

/**
 * Found from the code, not listed by hand: a helper who adds a table or an action and forgets its
 * label makes this fail, so the director never reads a machine word in the audit log.
 */
const CORE = join(__dirname, '../../../src-main/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((f) =>
    f.isDirectory() ? sourceFiles(join(dir, f.name)) : f.name.endsWith('.ts') ? [join(dir, f.name)] : [],
  );
}

/** String literals, not index types (`Closing['action']`). */
const quoted = (text: string) => [...text.matchAll(/(?<!\[)'([^'\n]+)'/g)].map((m) => m[1]!);

/** The table definitions (store/schema/*) declare columns, not what the core writes. */
const isSchemaFile = (file: string) => file.split('\\').join('/').includes('/store/schema/');

/** Every action and entity literal the core writes: `tx.record('action', 'entity', …)` and `{ action: '…' }` options. */
function writtenInSource(): { actions: Map<string, string>; entities: Map<string, string> } {
  const actions = new Map<string, string>();
  const entities = new Map<string, string>();
  // Schema files declare columns (`action: text('action')`), not audit actions.
  for (const file of sourceFiles(CORE).filter((f) => !isSchemaFile(f))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\btx\.record\(\s*([^,]+?)\s*,\s*([^,]+?)\s*,/g)) {
      for (const a of quoted(m[1]!)) actions.set(a, file);
      for (const e of quoted(m[2]!)) entities.set(e, file);
    }
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) for (const a of quoted(m[1]!)) actions.set(a, file);
  }
  return { actions, entities };
}

/** Keys of the details objects the core writes: `details: { … }` options and a tx.record's fourth argument (first level). */
function detailKeysInSource(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of sourceFiles(CORE).filter((f) => !isSchemaFile(f))) {
    const text = readFileSync(file, 'utf8');
    const objects = [
      ...[...text.matchAll(/\bdetails:\s*\{([^}]*)\}/g)].map((m) => m[1]!),
      ...[...text.matchAll(/\btx\.record\([^;{]*?,[^;{]*?,[^;{]*?,\s*\{([^}]*)\}/g)].map((m) => m[1]!),
    ];
    for (const body of objects) {
      for (const piece of body.split(',')) {
        const key = /^\s*([A-Za-z_]\w*)\s*(?::|$)/.exec(piece)?.[1];
        if (key && !piece.trim().startsWith('...')) keys.set(key, file);
      }
    }
  }
  return keys;
}

/** The unit of work's defaults (insert, update, delete) and the sign-in actions vault.unlockAs takes as a parameter. */
const DEFAULT_ACTIONS = ['create', 'change', 'destroy', 'view', 'sign-in', 'recovery-unlock', 'failed-sign-in'];

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));

const missing = (keys: Iterable<string>, dictionary: Record<string, readonly [string, string]>) =>
  [...keys].filter((key) => !dictionary[key]?.[0]?.trim() || !dictionary[key]?.[1]?.trim());

describe('audit labels: one dictionary, complete for everything the core writes', () => {
  it('finds the writes in the source (the scan itself works)', () => {
    const { actions, entities } = writtenInSource();
    expect(actions.size).toBeGreaterThan(50);
    for (const known of ['roster-import', 'census-import', 'verify-audit-chain', 'set-level', 'unlock-guard-reset'])
      expect([...actions.keys()]).toContain(known);
    expect([...entities.keys()]).toContain('crisis_board');
    expect(tables.length).toBeGreaterThan(40);
  });

  it('every table of the schema is an entity with a label in both languages', () => {
    expect(
      missing(
        tables.map((t) => getTableName(t)),
        AUDIT_ENTITY_LABELS,
      ),
    ).toEqual([]);
  });

  it('every entity and action named in a tx.record or action option has a label in both languages', () => {
    const { actions, entities } = writtenInSource();
    const noLabel = (map: Map<string, string>, dictionary: Record<string, readonly [string, string]>) =>
      missing(map.keys(), dictionary).map((key) => `${key} (${map.get(key)!.replace(CORE, 'src-main/core')})`);
    expect(noLabel(actions, AUDIT_ACTION_LABELS)).toEqual([]);
    expect(noLabel(entities, AUDIT_ENTITY_LABELS)).toEqual([]);
    expect(missing(DEFAULT_ACTIONS, AUDIT_ACTION_LABELS)).toEqual([]);
    expect(missing(AUDIT_CATEGORIES, AUDIT_CATEGORY_LABELS)).toEqual([]);
  });

  it('every column (a changed field) has a label in both languages', () => {
    const columns = new Set(tables.flatMap((t) => Object.keys(getTableColumns(t))));
    expect(missing(columns, AUDIT_FIELD_LABELS)).toEqual([]);
  });

  it('every detail key the core writes has a label in both languages', () => {
    const keys = detailKeysInSource();
    expect(keys.size).toBeGreaterThan(60);
    expect([...keys.keys()]).toEqual(expect.arrayContaining(['changed', 'knownAccount', 'batchId']));
    expect(missing(keys.keys(), AUDIT_FIELD_LABELS).map((key) => `${key} (${keys.get(key)!.replace(CORE, 'src-main/core')})`)).toEqual([]);
  });

  it('every permission a refused call names (access-denied) has a label in both languages', () => {
    expect(missing(Object.keys(PERMISSIONS), AUDIT_PERMISSION_LABELS)).toEqual([]);
    expect(describeAuditDetails({ permission: 'audit.read' }, { lang: 'zh-CN' })).toBe('所需权限：查看审计日志');
  });

  it('labels are words: the Chinese label is Chinese, and no label is itself a raw key', () => {
    for (const dictionary of [AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, AUDIT_CATEGORY_LABELS]) {
      for (const [key, [zh, en]] of Object.entries(dictionary)) {
        expect(zh, key).toMatch(/[\u4e00-\u9fff]/);
        // English words may be hyphenated (sign-in); snake_case and camelCase never are.
        expect(en, key).not.toMatch(/\b(?:[a-z]+_[a-z0-9_]+|[a-z]+[A-Z][A-Za-z0-9]*)\b/);
      }
    }
  });

  it('the renderer reads the same dictionary (no second copy of the words)', () => {
    expect(auditlogZhCN.actions).toEqual(auditLabelsIn('zh-CN').actions);
    expect(auditlogEn.entities).toEqual(auditLabelsIn('en').entities);
    expect(auditlogEn.detailKeys).toEqual(auditLabelsIn('en').detailKeys);
  });

  it('changed fields, coded values and referenced records read as words', () => {
    const id = '0b7f1c2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
    const details = { changed: ['status', 'sentAt'], kind: 'password', studentId: id, batchId: '11111111-2222-4333-8444-555555555555' };
    const zh = describeAuditDetails(details, { lang: 'zh-CN', names: { [id]: '测试学生甲（2026000001）' } });
    expect(zh).toBe('修改的内容：状态、发送时间；类型：密码；学生：测试学生甲（2026000001）');
    const en = describeAuditDetails(details, { lang: 'en', names: { [id]: 'Test Student A (2026000001)' } });
    expect(en).toBe('Changed: Status, Sent at; Kind: password; Student: Test Student A (2026000001)');
    expect(zh).not.toMatch(UUID_PATTERN);
    expect(en).not.toMatch(RAW_KEY_PATTERN);
  });
});

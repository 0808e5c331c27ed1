import { AUDIT_EXPORT_MAX_ROWS, type AuditEntry, type AuditLogFilter } from '../../../src-shared/contract/auditlog';
import { AppError } from '../../../src-shared/contract/errors';
import type { PartialHandlerMap } from '../handler-types';
import type { ReadSqlite } from '../store/read-sqlite';
import { listItems } from '../students/student-service';
import { studentIndex } from '../students/search-index';
import { verifyAuditChain } from './audit-chain';
import { allAuditEvents, bulkRange, countAuditEvents, pageOfAuditEntries, pageOfBulkEvents, subjectsFor, toEntry, type AuditRow } from './auditlog-query';
import { getWorkstationName } from '../settings/settings-service';
import { auditLogXlsx } from './auditlog-export';
import { CATEGORY_ZH } from './auditlog-labels';
import { redactForNonClinical, seesClinicalRecords } from './auditlog-redaction';
import type { Vault } from '../vault';

type AuditLogChannelNames = 'auditlog.list' | 'auditlog.group' | 'auditlog.actors' | 'auditlog.students' | 'auditlog.verify' | 'auditlog.export';

function assertRange(filter: AuditLogFilter): void {
  if (filter.from && filter.to && new Date(filter.from).getTime() >= new Date(filter.to).getTime()) {
    throw new AppError('VALIDATION', { reason: 'auditLogRangeInverted', issues: [{ path: ['to'], code: 'custom', message: 'auditLogRangeInverted' }] });
  }
}

/**
 * How the signed-in account may read the log: with a clinical role everything; without one (the
 * administrator) no student filter, and clinical entries without kind or student (auditlog-redaction).
 */
function readerOf(vault: Vault) {
  const clinical = seesClinicalRecords(vault.requireSession().roles);
  return {
    present: (entry: AuditEntry): AuditEntry => (clinical ? entry : redactForNonClinical(entry)),
    checkFilter: (filter: { studentId?: string }) => {
      if (!clinical && filter.studentId !== undefined) throw new AppError('FORBIDDEN', { reason: 'auditLogStudentFilterClinical' });
    },
    clinical,
  };
}

/** Rows converted in slices, each slice's subjects looked up together. */
function* entriesOf(
  sqlite: ReadSqlite,
  rows: readonly AuditRow[],
  workstation: { id: string; name: string | null },
  present: (entry: AuditEntry) => AuditEntry,
): Generator<AuditEntry> {
  let slice: AuditRow[] = [];
  const flush = () => {
    const subjects = subjectsFor(sqlite, slice);
    const out = slice.map((row) => present(toEntry(row, subjects, workstation.id, workstation.name)));
    slice = [];
    return out;
  };
  for (const row of rows) {
    slice.push(row);
    if (slice.length === 500) yield* flush();
  }
  if (slice.length) yield* flush();
}

/**
 * For the export: each bulk operation the rows touch, as its head entry (its last event, with
 * the counts) and how many events it has; the export writes that line before the group's rows.
 */
function bulkHeads(
  sqlite: ReadSqlite,
  rows: readonly AuditRow[],
  workstation: { id: string; name: string | null },
  present: (entry: AuditEntry) => AuditEntry,
): Map<string, { head: AuditEntry; rows: number }> {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const bulk = row.details.includes('"bulk":"') ? (JSON.parse(row.details) as { bulk?: unknown }).bulk : undefined;
    if (typeof bulk === 'string' && !seen.has(bulk)) seen.set(bulk, row.seq);
  }
  const out = new Map<string, { head: AuditEntry; rows: number }>();
  const bySeq = sqlite.prepare<[number], AuditRow>(
    'SELECT e.seq, e.at, e.actor_id, a.display_name AS actor_name, e.action, e.entity, e.entity_id, e.details, e.workstation_id FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_id WHERE e.seq = ?',
  );
  for (const [bulk, seq] of seen) {
    const range = bulkRange(sqlite, bulk, seq);
    if (!range) continue;
    const last = bySeq.get(range.last)!;
    out.set(bulk, { head: present(toEntry(last, subjectsFor(sqlite, [last]), workstation.id, workstation.name)), rows: range.last - range.first + 1 });
  }
  return out;
}

/** What the export's second sheet says about the selection. */
function describeFilter(sqlite: ReadSqlite, filter: AuditLogFilter): [string, string][] {
  const name = (sql: string, id: string) => (sqlite.prepare(sql).pluck().get(id) as string | undefined) ?? id;
  return [
    ['操作人', filter.actorId ? name('SELECT display_name FROM accounts WHERE id = ?', filter.actorId) : '全部'],
    ['学生', filter.studentId ? name("SELECT name || '（' || student_no || '）' FROM students WHERE id = ?", filter.studentId) : '全部'],
    ['操作类别', filter.categories?.length ? filter.categories.map((c) => CATEGORY_ZH[c]).join('、') : '全部'],
    ['起始时间（UTC）', filter.from ? new Date(filter.from).toISOString() : '不限'],
    ['截止时间（UTC，不含）', filter.to ? new Date(filter.to).toISOString() : '不限'],
  ];
}

/** Audit log: browse, verify, export (admin and director). */
export const auditLogHandlers: PartialHandlerMap<AuditLogChannelNames> = {
  'auditlog.list': ({ vault }, input) => {
    const { page, pageSize, ...filter } = input;
    assertRange(filter);
    const reader = readerOf(vault);
    reader.checkFilter(filter);
    const store = vault.requireStore();
    // A bulk operation (an import, a destruction) is one entry of the page: see pageOfAuditEntries.
    const { total, capped, rows } = pageOfAuditEntries(store.sqlite, filter, (page - 1) * pageSize, pageSize);
    const subjects = subjectsFor(store.sqlite, rows);
    const name = getWorkstationName(store.db);
    return {
      total,
      ...(capped ? { totalCapped: true } : {}),
      page,
      pageSize,
      entries: rows.map((row) => reader.present(toEntry(row, subjects, store.workstationId, name))),
    };
  },

  'auditlog.group': ({ vault }, input) => {
    const { page, pageSize, bulk, seq, ...filter } = input;
    assertRange(filter);
    const reader = readerOf(vault);
    reader.checkFilter(filter);
    const store = vault.requireStore();
    const { total, rows } = pageOfBulkEvents(store.sqlite, filter, bulk, seq, (page - 1) * pageSize, pageSize);
    const subjects = subjectsFor(store.sqlite, rows);
    const name = getWorkstationName(store.db);
    return { total, page, pageSize, entries: rows.map((row) => reader.present(toEntry(row, subjects, store.workstationId, name))) };
  },

  'auditlog.actors': ({ vault }) =>
    vault
      .requireStore()
      .sqlite.prepare<[], { id: string; username: string; displayName: string; disabled: number }>(
        'SELECT id, username, display_name AS displayName, disabled FROM accounts ORDER BY display_name',
      )
      .all()
      .map((row) => ({ ...row, disabled: Boolean(row.disabled) })),

  'auditlog.students': ({ vault }, input) => {
    // The student filter is for clinical roles only: the search that feeds it too.
    if (!readerOf(vault).clinical) throw new AppError('FORBIDDEN', { reason: 'auditLogStudentFilterClinical' });
    if (!input.query) return [];
    const store = vault.requireStore();
    // Every student: the audit concerns all records, whatever department they sit in.
    const { ids } = studentIndex(store).search({ query: input.query, offset: 0, limit: 20 }, { kind: 'all' });
    return listItems(store.db, ids).map((s) => ({ id: s.id, studentNo: s.studentNo, name: s.name, department: s.department }));
  },

  'auditlog.verify': ({ vault }) => {
    const store = vault.requireStore();
    const result = verifyAuditChain(store.sqlite);
    const at = result.firstBroken
      ? ((store.sqlite.prepare('SELECT at FROM audit_events WHERE seq = ?').pluck().get(result.firstBroken.seq) as string | undefined) ?? null)
      : null;
    store.uow.run(vault.actor(), (tx) => tx.record('verify-audit-chain', 'audit_events', null, { intact: result.intact, checked: result.checked }));
    return { intact: result.intact, checked: result.checked, firstBroken: result.firstBroken ? { ...result.firstBroken, at } : null };
  },

  'auditlog.export': async ({ vault, clock }, filter) => {
    assertRange(filter);
    const reader = readerOf(vault);
    reader.checkFilter(filter);
    const store = vault.requireStore();
    const total = countAuditEvents(store.sqlite, filter);
    if (total > AUDIT_EXPORT_MAX_ROWS) throw new AppError('VALIDATION', { reason: 'auditLogExportTooLarge', total, max: AUDIT_EXPORT_MAX_ROWS });
    const workstation = { id: store.workstationId, name: getWorkstationName(store.db) };
    const events = allAuditEvents(store.sqlite, filter, AUDIT_EXPORT_MAX_ROWS);
    const entries = entriesOf(store.sqlite, events, workstation, reader.present);
    const { base64, rows } = await auditLogXlsx(entries, describeFilter(store.sqlite, filter), bulkHeads(store.sqlite, events, workstation, reader.present));
    // Recorded after the file is built: the export does not contain its own event.
    store.uow.run(vault.actor(), (tx) =>
      tx.record('export', 'audit_events', null, {
        kind: 'auditLog',
        rows,
        actorId: filter.actorId ?? null,
        studentId: filter.studentId ?? null,
        categories: filter.categories ?? [],
        from: filter.from ?? null,
        to: filter.to ?? null,
      }),
    );
    const stamp = clock.now().toISOString().slice(0, 10);
    return { fileName: `审计日志-${stamp}.xlsx`, contentBase64: base64, rows };
  },
};

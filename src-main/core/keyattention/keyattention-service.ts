import { requireActivePerson } from '../network/network-service';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { CrisisLevel } from '../../../src-shared/contract/crisis';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import type { KeyAttentionEntry, KeyAttentionRemovalReason, KeyAttentionResponsible } from '../../../src-shared/contract/keyattention';
import { eventsUnderWay } from '../shared-reads/events-under-way';
import { readCrisisLevels } from '../settings/crisis-levels';
import { approvalViews } from '../approvals/approval-service';
import { nextReviewDate } from './cadence';
import { todayOf } from '../util/local-day';
import { displayNames, person } from '../accounts/account-service';
import { students } from '../store/schema/students';
import { findStudent, inScope, type StudentScope } from '../students/student-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { keyAttention, keyAttentionHistory } from '../store/schema/keyattention';

export type EntryRow = typeof keyAttention.$inferSelect;
type HistoryKind = (typeof keyAttentionHistory.$inferSelect)['kind'];
type Source = EntryRow['source'];

/** What a role may see of an entry: liaisons never get the reason (clinical content). */
export type Projection = 'clinical' | 'liaison';

const studentColumns = { id: students.id, studentNo: students.studentNo, name: students.name, department: students.department, className: students.className };

function requireLevel(db: Db, key: string): CrisisLevel {
  const level = readCrisisLevels(db).find((l) => l.key === key);
  if (!level) throw new AppError('VALIDATION', { reason: 'keyAttentionUnknownLevel', level: key });
  return level;
}

/** The top level of the scheme: a student moved there is proposed for a crisis event. */
export function isTopLevel(db: Db, key: string): boolean {
  return readCrisisLevels(db)[0]?.key === key;
}

/** Levels ordered highest first: a smaller rank is more serious. */
function rankOf(db: Db, key: string): number {
  const index = readCrisisLevels(db).findIndex((l) => l.key === key);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

function history(
  tx: WriteContext,
  entry: EntryRow,
  kind: HistoryKind,
  change: { fromLevel?: string | null; toLevel?: string | null; reason: string; reasonCode?: KeyAttentionRemovalReason | null },
  at: string,
) {
  tx.insert(
    keyAttentionHistory,
    {
      id: randomUUID(),
      entryId: entry.id,
      studentId: entry.studentId,
      kind,
      fromLevel: change.fromLevel ?? null,
      toLevel: change.toLevel ?? null,
      reason: change.reason,
      reasonCode: change.reasonCode ?? null,
      changedBy: tx.actor.accountId,
      changedAt: at,
    },
    {
      details: {
        entryId: entry.id,
        kind,
        fromLevel: change.fromLevel ?? null,
        toLevel: change.toLevel ?? null,
        ...(change.reasonCode ? { reasonCode: change.reasonCode } : {}),
      },
    },
  );
}

function entryOfStudent(db: Db, studentId: string): EntryRow | undefined {
  return db.select().from(keyAttention).where(eq(keyAttention.studentId, studentId)).get();
}

export function requireEntry(db: Db, entryId: string, scope: StudentScope = { kind: 'all' }): EntryRow {
  const entry = db.select().from(keyAttention).where(eq(keyAttention.id, entryId)).get();
  const student = entry ? findStudent(db, entry.studentId) : undefined;
  if (!entry || !student || !inScope(student, scope)) throw new AppError('NOT_FOUND', { reason: 'keyAttentionNotFound' });
  return entry;
}

function requireActive(db: Db, entryId: string): EntryRow {
  const entry = requireEntry(db, entryId);
  if (entry.status !== 'active') throw new AppError('CONFLICT', { reason: 'keyAttentionNotActive' });
  return entry;
}

/** The channel's input; `source` says which workflow added the student (census, crisis…) when it is not a person's own decision. */
export type AddInput = ParsedChannelInput<'keyattention.add'> & { source?: Source };

/**
 * Responsible people picked from the work network must be on it; an empty name takes the
 * register's name, so the list reads the same for those who cannot open the register.
 */
function withRegisterNames(db: Db, responsible: KeyAttentionResponsible): KeyAttentionResponsible {
  const out = { ...responsible };
  for (const [idKey, nameKey] of [
    ['departmentCounselorPersonId', 'departmentCounselor'],
    ['dormWatcherPersonId', 'dormWatcher'],
    ['peerCounselorPersonId', 'peerCounselor'],
  ] as const) {
    const id = out[idKey];
    if (!id) continue;
    const person = requireActivePerson(db, id);
    if (!out[nameKey]) out[nameKey] = person.name;
  }
  return out;
}

/** Add a student; a removed entry is restored (one entry per student, its history kept). */
export function addEntry(tx: WriteContext, input: AddInput, at: string): EntryRow {
  const student = findStudent(tx.db, input.studentId);
  if (!student) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
  const level = requireLevel(tx.db, input.level);
  const cadenceDays = input.cadenceDays ?? level.cadenceDays;
  const fields = {
    level: level.key,
    reason: input.reason,
    responsible: withRegisterNames(tx.db, input.responsible),
    cadenceDays,
    nextReviewOn: nextReviewDate({ kind: 'listed', today: todayOf(at), cadenceDays }),
    lastReviewedAt: null,
    listedAt: at,
    status: 'active' as const,
    source: input.source ?? 'manual',
    updatedAt: at,
  };
  const existing = entryOfStudent(tx.db, student.id);
  if (existing?.status === 'active') throw new AppError('CONFLICT', { reason: 'keyAttentionAlreadyListed' });
  if (existing) {
    const restored = tx.update(
      keyAttention,
      existing.id,
      { ...fields, addedBy: tx.actor.accountId },
      { action: 'key-attention-restore', details: { level: level.key, source: fields.source } },
    );
    history(tx, restored, 'restored', { fromLevel: existing.level, toLevel: level.key, reason: input.reason }, at);
    return restored;
  }
  const entry = tx.insert(
    keyAttention,
    { id: randomUUID(), studentId: student.id, ...fields, addedBy: tx.actor.accountId, createdAt: at },
    { details: { studentId: student.id, level: level.key, source: fields.source } },
  );
  history(tx, entry, 'added', { toLevel: level.key, reason: input.reason }, at);
  return entry;
}

/** What the cadence counts from: the last review, else when the student was put on the list. */
export function reviewAnchor(entry: Pick<EntryRow, 'lastReviewedAt' | 'listedAt' | 'createdAt'>): string {
  return todayOf(entry.lastReviewedAt ?? entry.listedAt ?? entry.createdAt);
}

/** A new cadence (a level change, or one set by hand): never later than the anchor plus it (cadence.ts). */
function rescheduled(entry: EntryRow, cadenceDays: number): string {
  return nextReviewDate({ kind: 'rescheduled', cadenceDays, scheduled: entry.nextReviewOn, anchor: reviewAnchor(entry) });
}

/** A new level brings its cadence; the next review comes forward if the new cadence asks for it sooner. */
export function changeLevel(tx: WriteContext, entryId: string, levelKey: string, reason: string, at: string): EntryRow {
  const entry = requireActive(tx.db, entryId);
  const level = requireLevel(tx.db, levelKey);
  if (entry.level === level.key) throw new AppError('CONFLICT', { reason: 'keyAttentionSameLevel' });
  const updated = tx.update(
    keyAttention,
    entry.id,
    { level: level.key, cadenceDays: level.cadenceDays, nextReviewOn: rescheduled(entry, level.cadenceDays), updatedAt: at },
    { action: 'key-attention-level', details: { fromLevel: entry.level, toLevel: level.key } },
  );
  history(tx, updated, 'level_changed', { fromLevel: entry.level, toLevel: level.key, reason }, at);
  return updated;
}

export function updateEntry(tx: WriteContext, entryId: string, patch: { responsible: KeyAttentionResponsible; cadenceDays?: number }, at: string): EntryRow {
  const entry = requireActive(tx.db, entryId);
  const cadenceDays = patch.cadenceDays ?? entry.cadenceDays;
  const nextReviewOn = cadenceDays === entry.cadenceDays ? entry.nextReviewOn : rescheduled(entry, cadenceDays);
  return tx.update(
    keyAttention,
    entry.id,
    { responsible: withRegisterNames(tx.db, patch.responsible), cadenceDays, nextReviewOn, updatedAt: at },
    { action: 'key-attention-update' },
  );
}

/**
 * A review sets the next one at the review date plus the cadence (cadence.ts): an early review
 * does not stretch the gap, a late one does not leave the student overdue.
 */
export function reviewEntry(tx: WriteContext, entryId: string, note: string, at: string): EntryRow {
  const entry = requireActive(tx.db, entryId);
  const nextReviewOn = nextReviewDate({ kind: 'reviewed', today: todayOf(at), cadenceDays: entry.cadenceDays });
  const updated = tx.update(keyAttention, entry.id, { lastReviewedAt: at, nextReviewOn, updatedAt: at }, { action: 'key-attention-review' });
  history(tx, updated, 'reviewed', { fromLevel: entry.level, toLevel: entry.level, reason: note }, at);
  return updated;
}

/** While a crisis event of the student is under way, the student stays on the list (item 13). */
export function assertNoCrisisUnderWay(db: Db, studentId: string): void {
  const [event] = eventsUnderWay(db, studentId);
  if (event) throw new AppError('CONFLICT', { reason: 'keyAttentionCrisisOpen', eventId: event.id, eventNo: event.eventNo });
}

export interface Removal {
  reasonCode: KeyAttentionRemovalReason;
  note: string;
}

/**
 * Take the entry off the list (kept, with its history). Refused while the student has a crisis
 * event under way, whatever the path. Who may do it is the caller's check (`takeOffList`); a free
 * text reason (older callers) is 其他 with that text as its note.
 */
export function removeEntry(tx: WriteContext, entryId: string, removal: Removal | string, at: string): EntryRow {
  const { reasonCode, note } = typeof removal === 'string' ? { reasonCode: 'other' as const, note: removal } : removal;
  const entry = requireActive(tx.db, entryId);
  assertNoCrisisUnderWay(tx.db, entry.studentId);
  // The code is not content; the note stays out of the audit (it is in the history row).
  const updated = tx.update(keyAttention, entry.id, { status: 'removed', updatedAt: at }, { action: 'key-attention-remove', details: { reasonCode } });
  history(tx, updated, 'removed', { fromLevel: entry.level, reason: note, reasonCode }, at);
  return updated;
}

/**
 * A feed from another module (census outcome, crisis event): puts the student on the list, or
 * raises the level of an active entry; it never lowers one. Returns null when nothing changed.
 */
export function feedKeyAttention(
  tx: WriteContext,
  input: { studentId: string; level: string; reason: string; source: Source; counselorId?: string | null },
  at: string,
): EntryRow | null {
  const student = findStudent(tx.db, input.studentId);
  if (!student) throw new AppError('NOT_FOUND', { reason: 'studentNotFound' });
  const existing = entryOfStudent(tx.db, student.id);
  if (existing?.status === 'active') {
    if (rankOf(tx.db, input.level) >= rankOf(tx.db, existing.level)) return null;
    return changeLevel(tx, existing.id, input.level, input.reason, at);
  }
  const responsible: KeyAttentionResponsible = existing?.responsible ?? {
    counselorId: input.counselorId ?? tx.actor.accountId,
    departmentCounselor: student.departmentCounselor,
    dormWatcher: null,
    peerCounselor: null,
  };
  return addEntry(tx, { studentId: student.id, level: input.level, reason: input.reason, responsible, source: input.source }, at);
}

/** For the crisis module: an event puts (or keeps) its student on the list at the event's level. */
export function addFromCrisis(tx: WriteContext, input: { studentId: string; level: string; reason: string }, at: string): EntryRow | null {
  return feedKeyAttention(tx, { ...input, source: 'crisis' }, at);
}

/** The scheme's lowest level (default 三级), where a census "key attention" outcome starts. */
export function lowestLevel(db: Db): string {
  const levels = readCrisisLevels(db);
  return levels[levels.length - 1].key;
}

export function highestLevel(db: Db): string {
  return readCrisisLevels(db)[0].key;
}

export interface ListFilter {
  level?: string;
  department?: string;
  overdueOnly?: boolean;
  status?: EntryRow['status'];
  counselorId?: string;
  studentId?: string;
  entryIds?: string[];
  /** Reviews due on or before this date. */
  dueBy?: string;
  /**
   * Removed entries only (a decade holds thousands): the most recently removed first, this many.
   * Never applied to entries under attention: every student on the list is always listed.
   */
  removedLimit?: number;
}

function listConditions(filter: ListFilter, scope: StudentScope, today: string): (SQL | undefined)[] {
  return [
    filter.status ? eq(keyAttention.status, filter.status) : undefined,
    filter.level ? eq(keyAttention.level, filter.level) : undefined,
    filter.department ? eq(students.department, filter.department) : undefined,
    filter.studentId ? eq(keyAttention.studentId, filter.studentId) : undefined,
    filter.overdueOnly ? lt(keyAttention.nextReviewOn, today) : undefined,
    filter.counselorId ? sql`json_extract(${keyAttention.responsible}, '$.counselorId') = ${filter.counselorId}` : undefined,
    filter.entryIds ? inArray(keyAttention.id, filter.entryIds) : undefined,
    filter.dueBy ? lte(keyAttention.nextReviewOn, filter.dueBy) : undefined,
    scope.kind === 'department' ? (scope.department ? eq(students.department, scope.department) : sql`0`) : undefined,
  ];
}

/** How many entries match (the removed list says how many it has not shown yet). */
export function countEntries(db: Db, filter: ListFilter, scope: StudentScope, now: string): number {
  const conditions = and(...listConditions(filter, scope, todayOf(now)));
  // Only a department (the filter's or the viewer's scope) needs the students: every entry has its
  // student (NOT NULL, kept by a foreign key), so the join counts the same rows, reading each one's.
  const byDepartment = Boolean(filter.department) || scope.kind === 'department';
  const count = db.select({ n: sql<number>`count(*)` }).from(keyAttention);
  return (byDepartment ? count.innerJoin(students, eq(students.id, keyAttention.studentId)).where(conditions) : count.where(conditions)).get()!.n;
}

export function listEntries(db: Db, filter: ListFilter, scope: StudentScope, projection: Projection, now: string): KeyAttentionEntry[] {
  const today = todayOf(now);
  const conditions = listConditions(filter, scope, today);
  // Only a list of removed entries is ever cut short (safety: no student under attention is dropped).
  const limited = filter.status === 'removed' && filter.removedLimit !== undefined;
  const query = db
    // The liaison projection never reads the reason: SQLite answers NULL in its place.
    .select({
      entry: projection === 'clinical' ? getTableColumns(keyAttention) : { ...getTableColumns(keyAttention), reason: sql<string>`null` },
      student: studentColumns,
    })
    .from(keyAttention)
    .innerJoin(students, eq(students.id, keyAttention.studentId))
    .where(and(...conditions));
  const rows = limited
    ? query.orderBy(desc(keyAttention.updatedAt), asc(students.studentNo)).limit(filter.removedLimit!).all()
    : query.orderBy(asc(keyAttention.nextReviewOn), asc(students.studentNo)).all();
  const names = displayNames(
    db,
    rows.map((r) => r.entry.responsible.counselorId),
  );
  const rank = new Map(readCrisisLevels(db).map((l, i) => [l.key, i]));
  // A removal waiting for the director shows on the entry (clinicians only: its note is clinical).
  const pending =
    projection === 'clinical' && rows.length
      ? new Map(
          approvalViews(db, { kind: 'keyAttentionRemoval', status: 'pending', subjectIds: rows.map((r) => r.entry.id) }).map((v) => [
            v.subjectId,
            {
              id: v.id,
              entryId: v.subjectId,
              reasonCode: v.payload.reasonCode as KeyAttentionRemovalReason,
              note: v.reason,
              status: v.status,
              requestedBy: v.requestedBy,
              requestedAt: v.requestedAt,
              decidedBy: v.decidedBy,
              decidedAt: v.decidedAt,
              decisionNote: v.decisionNote,
            },
          ]),
        )
      : null;
  return rows
    .map(({ entry, student }) => ({
      id: entry.id,
      student,
      level: entry.level,
      ...(projection === 'clinical' ? { reason: entry.reason } : {}),
      responsible: entry.responsible,
      counselor: person(names, entry.responsible.counselorId),
      cadenceDays: entry.cadenceDays,
      nextReviewOn: entry.nextReviewOn,
      lastReviewedAt: entry.lastReviewedAt,
      status: entry.status,
      source: entry.source,
      overdue: entry.status === 'active' && entry.nextReviewOn < today,
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
      ...(pending ? { pendingRemoval: pending.get(entry.id) ?? null } : {}),
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (rank.get(a.level) ?? 99) - (rank.get(b.level) ?? 99));
}

export function entryHistory(db: Db, entryId: string) {
  const rows = db
    .select()
    .from(keyAttentionHistory)
    .where(eq(keyAttentionHistory.entryId, entryId))
    .orderBy(desc(keyAttentionHistory.changedAt), desc(sql`rowid`))
    .all();
  const names = displayNames(
    db,
    rows.map((r) => r.changedBy),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    fromLevel: r.fromLevel,
    toLevel: r.toLevel,
    reason: r.reason,
    reasonCode: (r.reasonCode as KeyAttentionRemovalReason | null) ?? null,
    changedBy: person(names, r.changedBy),
    changedAt: r.changedAt,
  }));
}

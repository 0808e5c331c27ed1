import { findPerson, requireActivePerson } from '../network/network-service';
import { personLabel } from '../network/person-label';
import { addFromCrisis } from '../keyattention/keyattention-service';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm';
import type { CrisisEventDetail, CrisisEventRow, CrisisStep } from '../../../src-shared/contract/crisis';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { AppError } from '../../../src-shared/contract/errors';
import { CLINICAL, rolesGrant, type Role, isDirector } from '../../../src-shared/permissions';
import { listAccounts } from '../accounts/account-service';
import { acknowledgeAlert } from '../assessments/alert-service';
import { alerts } from '../store/schema/assessments';
import { addAttachment, listAttachments } from '../attachments/attachment-service';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { nextSerialNumber } from '../store/serial-number';
import { students } from '../store/schema/students';
import { studentScopeFor } from '../students/scope';
import type { Session } from '../vault';
import { levelRank, readCrisisLevels, requireCrisisLevel } from '../settings/crisis-levels';
import { assertNoOpenEvent, assertNoOpenSteps, CLOSURE_STEP_KEY } from './one-open-event';
import { crisisEvents, crisisLevelChanges, crisisSteps, crisisTemplates } from '../store/schema/crisis';
import { currentTemplate } from './templates';
import { DEFAULT_DISCOVERY_GRACE_MINUTES, stepApplies, stepInChecklist, stepTimers, type StepTimer } from './timers';
import { requireRow } from '../store/require-row';

export type EventRecord = typeof crisisEvents.$inferSelect;
export type StepRecord = typeof crisisSteps.$inferSelect;
type StudentRecord = typeof students.$inferSelect;

/** The first level change's reason (the renderer shows its own words for it). */
const OPENING_REASON = 'opened';

/** Scanned forms of a step are attachments owned by the step row. */
export const STEP_ATTACHMENT_OWNER = 'crisis_steps';

export function mayManage(session: Session): boolean {
  return rolesGrant(session.roles, 'crisis.manage');
}

/** A liaison (crisis.read without crisis.manage) sees the steps of the liaison role and the ones given to them. */
function stepVisibleTo(session: Session, step: Pick<StepRecord, 'ownerRole' | 'assignedTo'>): boolean {
  return mayManage(session) || step.ownerRole === 'liaison' || step.assignedTo === session.accountId;
}

/*
 * The liaison projection: without crisis.manage the content columns (description, summary, step
 * notes, reasons of level changes) are not even read; SQLite answers NULL in their place, so no
 * later filter can forget them (tests/unit/core/projections.test.ts checks the plan).
 */
const noText = sql<string | null>`null`;

function eventColumns(content: boolean) {
  const columns = getTableColumns(crisisEvents);
  return content ? columns : { ...columns, description: noText, summary: noText };
}

function stepColumns(content: boolean) {
  const columns = getTableColumns(crisisSteps);
  return content ? columns : { ...columns, note: noText, naReason: noText };
}

function levelChangeColumns(content: boolean) {
  const columns = getTableColumns(crisisLevelChanges);
  return content ? columns : { ...columns, reason: sql<string>`null` };
}

export function requireEvent(db: Db, id: string, content = true): EventRecord {
  const row = db.select(eventColumns(content)).from(crisisEvents).where(eq(crisisEvents.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', { reason: 'crisisEventNotFound' });
  return row;
}

function studentOf(db: Db, id: string): StudentRecord {
  return db.select().from(students).where(eq(students.id, id)).get()!;
}

/** Liaisons reach only events of their own department's students. */
export function assertEventInScope(db: Db, session: Session, event: EventRecord): StudentRecord {
  const student = studentOf(db, event.studentId);
  const scope = studentScopeFor(db, session);
  if (scope.kind === 'department' && (scope.department === null || student.department !== scope.department)) {
    throw new AppError('FORBIDDEN', { reason: 'crisisOtherDepartment' });
  }
  return student;
}

function assertNotClosed(event: EventRecord): void {
  if (event.status === 'closed') throw new AppError('CONFLICT', { reason: 'crisisEventClosed' });
}

function nextEventNo(tx: WriteContext, year: number): string {
  return nextSerialNumber(tx.db, crisisEvents, crisisEvents.eventNo, `CR-${year}-`);
}

function stepsOf(db: Db, eventIds: string[], content: boolean): Map<string, StepRecord[]> {
  const byEvent = new Map<string, StepRecord[]>();
  if (eventIds.length === 0) return byEvent;
  const rows = db.select(stepColumns(content)).from(crisisSteps).where(inArray(crisisSteps.eventId, eventIds)).orderBy(asc(crisisSteps.position)).all();
  for (const row of rows) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
  return byEvent;
}

/** Each template version's grace for 发现即办 steps (templates are few: read them all once per call). */
function gracesOf(db: Db): Map<string, number> {
  return new Map(
    db
      .select({ id: crisisTemplates.id, definition: crisisTemplates.definition })
      .from(crisisTemplates)
      .all()
      .map((t) => [t.id, t.definition.discoveryGraceMinutes ?? DEFAULT_DISCOVERY_GRACE_MINUTES]),
  );
}

/** The timers of an event's steps, with the grace of the template version the event pinned. */
export function eventTimers(
  db: Db,
  event: EventRecord,
  steps: readonly StepRecord[],
  now: Date,
  graces: Map<string, number> = gracesOf(db),
): Map<string, StepTimer> {
  return stepTimers(event, steps, now, graces.get(event.templateId) ?? DEFAULT_DISCOVERY_GRACE_MINUTES);
}

function names(db: Db): Map<string, string> {
  return new Map(
    db
      .select({ id: accounts.id, displayName: accounts.displayName })
      .from(accounts)
      .all()
      .map((a) => [a.id, a.displayName]),
  );
}

function person(people: Map<string, string>, id: string | null) {
  return id ? { id, displayName: people.get(id) ?? id } : null;
}

export type OpenInput = ParsedChannelInput<'crisis.open'>;

/** Who may own an event or be given a step: enabled clinical and liaison accounts. */
export function assignees(db: Db) {
  const allowed: readonly Role[] = [...CLINICAL, 'liaison'];
  return listAccounts(db)
    .filter((row) => !row.disabled && (row.roles as Role[]).some((role) => allowed.includes(role)))
    .map((row) => ({ id: row.id, displayName: row.displayName, roles: row.roles, department: row.department }));
}

/**
 * Opens an event: pins the current template version, copies its steps (all of them: the level
 * decides which apply, so a later level change can bring one back), records the first level and,
 * from an alert, acknowledges the alert in the same transaction.
 */
export function openEvent(tx: WriteContext, session: Session, input: OpenInput, now: string): { id: string; eventNo: string } {
  const db = tx.db;
  const student = db.select().from(students).where(eq(students.id, input.studentId)).get();
  if (!student) throw new AppError('NOT_FOUND', { reason: 'crisisStudentNotFound' });
  // One event at a time: checked here, inside the write transaction, and again by the store's trigger.
  assertNoOpenEvent(db, student.id);
  requireCrisisLevel(db, input.level);
  const discoveredAt = input.discoveredAt ? new Date(input.discoveredAt).toISOString() : now;
  if (discoveredAt > now) throw new AppError('VALIDATION', { reason: 'crisisDiscoveredInFuture' });

  const kase = input.caseId ? requireRow(db, 'case', input.caseId) : null;
  if (kase && kase.studentId !== student.id) throw new AppError('VALIDATION', { reason: 'crisisOtherStudent' });
  const alert = input.alertId ? db.select().from(alerts).where(eq(alerts.id, input.alertId)).get() : null;
  if (input.alertId && !alert) throw new AppError('NOT_FOUND', { reason: 'crisisAlertNotFound' });
  if (alert && alert.studentId !== student.id) throw new AppError('VALIDATION', { reason: 'crisisOtherStudent' });
  if (alert?.acknowledgedAt) throw new AppError('CONFLICT', { reason: 'crisisAlertAcknowledged' });
  const reportId = input.reportId ?? alert?.reportId ?? null;
  if (reportId && requireRow(db, 'report', reportId).studentId !== student.id) throw new AppError('VALIDATION', { reason: 'crisisOtherStudent' });

  const ownerId = input.ownerId ?? kase?.counselorId ?? session.accountId;
  if (input.ownerId && !assignees(db).some((a) => a.id === ownerId && (a.roles as Role[]).some((r) => (CLINICAL as readonly Role[]).includes(r)))) {
    throw new AppError('VALIDATION', { reason: 'crisisOwnerNotClinical' });
  }

  const template = currentTemplate(tx, now);
  const id = randomUUID();
  const eventNo = nextEventNo(tx, new Date(now).getFullYear());
  const source = alert ? 'alert' : reportId ? 'report' : kase ? 'case' : 'manual';
  tx.insert(
    crisisEvents,
    {
      id,
      eventNo,
      studentId: student.id,
      caseId: kase?.id ?? null,
      source,
      alertId: alert?.id ?? null,
      reportId,
      templateId: template.id,
      templateVersion: template.version,
      discoveredAt,
      description: input.description,
      level: input.level,
      ownerId,
      status: 'open',
      createdBy: tx.actor.accountId,
      createdAt: now,
      updatedAt: now,
    },
    { details: { studentId: student.id, eventNo, level: input.level, source, templateVersion: template.version } },
  );
  template.definition.steps.forEach((step, position) => {
    tx.insert(
      crisisSteps,
      {
        id: randomUUID(),
        eventId: id,
        key: step.key,
        position,
        title: step.title,
        ownerRole: step.ownerRole,
        dueMinutes: step.dueMinutes,
        levels: step.levels,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      },
      { details: { eventId: id, key: step.key } },
    );
  });
  tx.insert(
    crisisLevelChanges,
    { id: randomUUID(), eventId: id, fromLevel: null, toLevel: input.level, reason: OPENING_REASON, changedBy: tx.actor.accountId, changedAt: now },
    { details: { eventId: id, toLevel: input.level } },
  );
  if (alert) acknowledgeAlert(tx, alert.id, `opened crisis event ${eventNo}`, now, { crisisEventId: id });
  // A crisis puts the student on the key-attention list at the event's level (or raises them to it).
  addFromCrisis(tx, { studentId: input.studentId, level: input.level, reason: `危机事件 ${eventNo}` }, now);
  return { id, eventNo };
}

function stepView(
  db: Db,
  event: EventRecord,
  step: StepRecord,
  people: Map<string, string>,
  content: boolean,
  now: Date,
  graces?: Map<string, number>,
): CrisisStep {
  const timer = eventTimers(db, event, [step], now, graces).get(step.id)!;
  return {
    id: step.id,
    key: step.key,
    position: step.position,
    title: step.title,
    ownerRole: step.ownerRole,
    assignedTo: person(people, step.assignedTo),
    dueMinutes: step.dueMinutes,
    levels: step.levels,
    status: step.status,
    applicable: timer.applicable,
    doneBy: person(people, step.doneBy),
    doneAt: step.doneAt,
    note: content ? step.note : null,
    naReason: content ? step.naReason : null,
    dueAt: timer.dueAt,
    overdue: timer.overdue,
    remainingMs: timer.remainingMs,
    attachments: content ? listAttachments(db, { entity: STEP_ATTACHMENT_OWNER, id: step.id }) : [],
    overdueAtLevelChange: step.overdueAtLevelChange,
    assigneePerson: networkRef(db, step.assigneePersonId),
    doneByPerson: networkRef(db, step.doneByPersonId),
  };
}

/** A register person named by a step, as words (retired people keep their name on old steps). */
function networkRef(db: Db, id: string | null) {
  const row = id ? findPerson(db, id) : undefined;
  return row ? { id: row.id, name: row.name, label: personLabel(row), phone: row.phone } : null;
}

function eventRow(
  db: Db,
  event: EventRecord,
  student: StudentRecord,
  steps: StepRecord[],
  people: Map<string, string>,
  now: Date,
  graces?: Map<string, number>,
): CrisisEventRow {
  const timers = eventTimers(db, event, steps, now, graces);
  const applicable = steps.filter((s) => timers.get(s.id)!.applicable);
  const overdue = applicable.filter((s) => timers.get(s.id)!.overdue);
  const upcoming = applicable
    .filter((s) => s.status === 'open' && event.status !== 'closed' && !timers.get(s.id)!.overdue && timers.get(s.id)!.dueAt !== null)
    .map((s) => timers.get(s.id)!.dueAt!)
    .sort();
  return {
    id: event.id,
    eventNo: event.eventNo,
    student: { id: student.id, studentNo: student.studentNo, name: student.name, department: student.department },
    level: event.level,
    status: event.status,
    discoveredAt: event.discoveredAt,
    owner: person(people, event.ownerId),
    stepsDone: applicable.filter((s) => s.status !== 'open').length,
    stepsTotal: applicable.length,
    overdueSteps: overdue.length,
    mostOverdueMs: Math.max(0, ...overdue.map((s) => -(timers.get(s.id)!.remainingMs ?? 0))),
    nextDueAt: upcoming[0] ?? null,
  };
}

/** The event page: clinical content only for crisis.manage; a liaison gets level, status and their steps. */
export function eventDetail(db: Db, session: Session, event: EventRecord, now: Date): CrisisEventDetail {
  const student = assertEventInScope(db, session, event);
  const content = mayManage(session);
  const people = names(db);
  const steps = stepsOf(db, [event.id], content).get(event.id) ?? [];
  const graces = gracesOf(db);
  const changes = db
    .select(levelChangeColumns(content))
    .from(crisisLevelChanges)
    .where(eq(crisisLevelChanges.eventId, event.id))
    .orderBy(asc(crisisLevelChanges.changedAt), sql`rowid`)
    .all();
  return {
    event: {
      ...eventRow(db, event, student, steps, people, now, graces),
      source: event.source,
      caseId: event.caseId,
      alertId: event.alertId,
      reportId: event.reportId,
      templateVersion: event.templateVersion,
      description: content ? event.description : null,
      summary: content ? event.summary : null,
      closeRequestedBy: person(people, event.closeRequestedBy),
      closeRequestedAt: event.closeRequestedAt,
      approvedBy: person(people, event.approvedBy),
      closedAt: event.closedAt,
      createdAt: event.createdAt,
    },
    steps: steps.filter((s) => stepVisibleTo(session, s)).map((s) => stepView(db, event, s, people, content, now, graces)),
    levelChanges: changes.map((c) => ({
      id: c.id,
      fromLevel: c.fromLevel,
      toLevel: c.toLevel,
      reason: content ? c.reason : null,
      changedBy: person(people, c.changedBy),
      changedAt: c.changedAt,
    })),
    // Guardian phones are for those who manage the event (who notify); a liaison never gets them.
    contacts: content
      ? {
          guardians: student.guardians.map((g) => ({ name: g.name, relation: g.relation ?? null, phone: g.phone ?? null })),
          departmentCounselor: student.departmentCounselor,
        }
      : null,
    content,
    now: now.toISOString(),
  };
}

/**
 * The events in the person's scope: `open` the ones not closed; `closed` the closed ones, the most
 * recently closed first, `limit` of them (the board pages only closed events).
 */
function scopedEvents(db: Db, session: Session, filter: { department?: string; studentId?: string; status: 'open' | 'all' | 'closed' }, limit?: number) {
  const scope = studentScopeFor(db, session);
  const department = scope.kind === 'department' ? scope.department : filter.department;
  if (scope.kind === 'department' && department === null) return [];
  const conditions = [
    filter.status === 'open' ? ne(crisisEvents.status, 'closed') : undefined,
    filter.status === 'closed' ? eq(crisisEvents.status, 'closed') : undefined,
    filter.studentId ? eq(crisisEvents.studentId, filter.studentId) : undefined,
    department !== undefined ? eq(students.department, department as string) : undefined,
    scope.kind === 'department' && filter.department !== undefined && filter.department !== department ? sql`0` : undefined,
  ].filter((c) => c !== undefined);
  const query = db
    .select({ event: eventColumns(mayManage(session)), student: students })
    .from(crisisEvents)
    .innerJoin(students, eq(students.id, crisisEvents.studentId))
    .where(conditions.length ? and(...conditions) : undefined);
  if (filter.status !== 'closed') return query.all();
  return query
    .orderBy(sql`${crisisEvents.closedAt} DESC`, sql`${crisisEvents.discoveredAt} DESC`, asc(crisisEvents.id))
    .limit(limit ?? -1)
    .all();
}

/** How many closed events the person's scope holds (the board says how many it has not shown). */
function closedCount(db: Db, session: Session, filter: { department?: string; studentId?: string }): number {
  const scope = studentScopeFor(db, session);
  const department = scope.kind === 'department' ? scope.department : filter.department;
  if (scope.kind === 'department' && (department === null || (filter.department !== undefined && filter.department !== department))) return 0;
  const conditions = [
    eq(crisisEvents.status, 'closed'),
    filter.studentId ? eq(crisisEvents.studentId, filter.studentId) : undefined,
    department !== undefined ? eq(students.department, department as string) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({ n: sql<number>`count(*)` })
    .from(crisisEvents)
    .innerJoin(students, eq(students.id, crisisEvents.studentId))
    .where(and(...conditions))
    .get()!.n;
}

/**
 * By real urgency: events not closed first; among them those with an overdue step, the most
 * overdue first; then the one whose next step falls due soonest (none due sorts last); then the
 * higher level; then the earlier discovery.
 */
export function compareUrgency(levels: ReturnType<typeof readCrisisLevels>) {
  return (a: CrisisEventRow, b: CrisisEventRow) =>
    Number(a.status === 'closed') - Number(b.status === 'closed') ||
    Number(b.overdueSteps > 0) - Number(a.overdueSteps > 0) ||
    b.mostOverdueMs - a.mostOverdueMs ||
    (a.nextDueAt ?? '\uffff').localeCompare(b.nextDueAt ?? '\uffff') ||
    levelRank(levels, a.level) - levelRank(levels, b.level) ||
    a.discoveredAt.localeCompare(b.discoveredAt);
}

function boardRows(db: Db, session: Session, found: ReturnType<typeof scopedEvents>, now: Date): CrisisEventRow[] {
  const steps = stepsOf(
    db,
    found.map((f) => f.event.id),
    mayManage(session),
  );
  const people = names(db);
  const graces = gracesOf(db);
  return found.map(({ event, student }) => eventRow(db, event, student, steps.get(event.id) ?? [], people, now, graces));
}

export function board(db: Db, session: Session, filter: { department?: string; studentId?: string; status: 'open' | 'all' }, now: Date): CrisisEventRow[] {
  return boardRows(db, session, scopedEvents(db, session, filter), now).sort(compareUrgency(readCrisisLevels(db)));
}

/** Closed events the board shows unless asked for more: a decade holds thousands. */
export const BOARD_CLOSED_DEFAULT = 100;

/**
 * The board: EVERY event not closed, by urgency (never paged: an open event is never hidden),
 * then with `all` the most recently closed events, `closedLimit` of them, and how many closed
 * events there are in all (`closedTotal`), so the screen can offer the rest.
 */
export function boardPage(
  db: Db,
  session: Session,
  filter: { department?: string; studentId?: string; status: 'open' | 'all'; closedLimit?: number },
  now: Date,
): { rows: CrisisEventRow[]; closedTotal?: number } {
  const open = boardRows(db, session, scopedEvents(db, session, { ...filter, status: 'open' }), now).sort(compareUrgency(readCrisisLevels(db)));
  if (filter.status === 'open') return { rows: open };
  const closed = boardRows(db, session, scopedEvents(db, session, { ...filter, status: 'closed' }, filter.closedLimit ?? BOARD_CLOSED_DEFAULT), now);
  return { rows: [...open, ...closed], closedTotal: closedCount(db, session, filter) };
}

/** Overdue steps for this person: their roles' steps and steps given to them; the director sees all. */
export function overdueFor(db: Db, session: Session, now: Date) {
  const found = scopedEvents(db, session, { status: 'open' });
  const steps = stepsOf(
    db,
    found.map((f) => f.event.id),
    mayManage(session),
  );
  const graces = gracesOf(db);
  const mine = (step: StepRecord) => isDirector(session.roles) || step.assignedTo === session.accountId || (session.roles as string[]).includes(step.ownerRole);
  return found
    .flatMap(({ event, student }) => {
      const own = (steps.get(event.id) ?? []).filter((s) => stepVisibleTo(session, s) && mine(s));
      const timers = eventTimers(db, event, own, now, graces);
      return own
        .filter((s) => timers.get(s.id)!.overdue)
        .map((s) => ({
          stepId: s.id,
          eventId: event.id,
          eventNo: event.eventNo,
          student: { id: student.id, studentNo: student.studentNo, name: student.name, department: student.department },
          level: event.level,
          title: s.title,
          ownerRole: s.ownerRole,
          dueAt: timers.get(s.id)!.dueAt!,
          overdueMs: -timers.get(s.id)!.remainingMs!,
        }));
    })
    .sort((a, b) => b.overdueMs - a.overdueMs);
}

export function requireStep(db: Db, stepId: string, content = true): { step: StepRecord; event: EventRecord } {
  const step = db.select(stepColumns(content)).from(crisisSteps).where(eq(crisisSteps.id, stepId)).get();
  if (!step) throw new AppError('NOT_FOUND', { reason: 'crisisStepNotFound' });
  return { step, event: requireEvent(db, step.eventId, content) };
}

export function stepResult(db: Db, session: Session, stepId: string, now: Date): CrisisStep {
  const { step, event } = requireStep(db, stepId, mayManage(session));
  return stepView(db, event, step, names(db), mayManage(session), now);
}

function assertWorkable(step: StepRecord, event: EventRecord): void {
  assertNotClosed(event);
  if (step.status !== 'open') throw new AppError('CONFLICT', { reason: 'crisisStepNotOpen' });
  if (!stepInChecklist(step, event.level)) throw new AppError('CONFLICT', { reason: 'crisisStepOutsideLevel' });
}

export function completeStep(
  tx: WriteContext,
  session: Session,
  input: { stepId: string; note: string; attachments: { fileName: string; contentBase64: string }[]; doneByPersonId?: string | null },
  now: string,
): void {
  const { step, event } = requireStep(tx.db, input.stepId, mayManage(session));
  assertEventInScope(tx.db, session, event);
  if (!stepVisibleTo(session, step)) throw new AppError('FORBIDDEN', { reason: 'crisisStepNotYours' });
  assertWorkable(step, event);
  // done_by stays the account that recorded it; the register person is who did it.
  const doneByPersonId = input.doneByPersonId ? requireActivePerson(tx.db, input.doneByPersonId).id : null;
  tx.update(
    crisisSteps,
    step.id,
    { status: 'done', doneBy: tx.actor.accountId, doneAt: now, note: input.note.trim() || null, doneByPersonId, updatedAt: now },
    { action: 'complete', details: { eventId: event.id, key: step.key, attachments: input.attachments.length, doneByPersonId } },
  );
  for (const file of input.attachments) addAttachment(tx, { entity: STEP_ATTACHMENT_OWNER, id: step.id }, file, now);
}

export function markNotApplicable(tx: WriteContext, stepId: string, reason: string, now: string): void {
  const { step, event } = requireStep(tx.db, stepId);
  assertWorkable(step, event);
  tx.update(
    crisisSteps,
    step.id,
    { status: 'not_applicable', naReason: reason, doneBy: tx.actor.accountId, doneAt: now, updatedAt: now },
    { action: 'not-applicable', details: { eventId: event.id, key: step.key } },
  );
}

export function reopenStep(tx: WriteContext, stepId: string, reason: string, now: string): void {
  const { step, event } = requireStep(tx.db, stepId);
  assertNotClosed(event);
  if (step.status === 'open') throw new AppError('CONFLICT', { reason: 'crisisStepAlreadyOpen' });
  tx.update(
    crisisSteps,
    step.id,
    { status: 'open', naReason: null, doneBy: null, doneAt: null, updatedAt: now },
    { action: 'reopen', details: { eventId: event.id, key: step.key, reason } },
  );
}

export function assignStep(tx: WriteContext, stepId: string, accountId: string | null, now: string, personId: string | null = null): void {
  const { step, event } = requireStep(tx.db, stepId);
  assertNotClosed(event);
  if (accountId) {
    const target = assignees(tx.db).find((a) => a.id === accountId);
    if (!target) throw new AppError('VALIDATION', { reason: 'crisisAssigneeInvalid' });
    const clinical = (target.roles as Role[]).some((r) => (CLINICAL as readonly Role[]).includes(r));
    if (!clinical && target.department !== studentOf(tx.db, event.studentId).department) {
      throw new AppError('VALIDATION', { reason: 'crisisAssigneeOtherDepartment' });
    }
  }
  // A register person without an account (保卫处值班人员) carries the step outside the app; the
  // step stays on the center's checklist and timers (and on 无人负责 when no account holds it).
  const assigneePersonId = personId ? requireActivePerson(tx.db, personId).id : null;
  tx.update(
    crisisSteps,
    step.id,
    { assignedTo: accountId, assigneePersonId, updatedAt: now },
    { action: 'assign', details: { eventId: event.id, key: step.key, assignedTo: accountId, assigneePersonId } },
  );
}

/** A level change is recorded with its reason; which steps apply follows from the new level. */
export function setLevel(tx: WriteContext, eventId: string, level: string, reason: string, now: string): void {
  const event = requireEvent(tx.db, eventId);
  assertNotClosed(event);
  requireCrisisLevel(tx.db, level);
  if (event.level === level) throw new AppError('CONFLICT', { reason: 'crisisLevelUnchanged' });
  keepOverdueStepsListed(tx, event, level, now);
  tx.insert(
    crisisLevelChanges,
    { id: randomUUID(), eventId, fromLevel: event.level, toLevel: level, reason, changedBy: tx.actor.accountId, changedAt: now },
    { details: { eventId, fromLevel: event.level, toLevel: level } },
  );
  tx.update(crisisEvents, eventId, { level, updatedAt: now }, { action: 'set-level', details: { fromLevel: event.level, toLevel: level } });
  addFromCrisis(tx, { studentId: event.studentId, level, reason: `危机事件 ${event.eventNo}：${reason}` }, now);
}

/**
 * A lower level may exclude steps that are already late. Those keep their place in the checklist,
 * overdue, until someone does them or marks them not applicable with a reason: the level change
 * records the fact on the step (a new column value, audited), no history is rewritten.
 */
function keepOverdueStepsListed(tx: WriteContext, event: EventRecord, level: string, now: string): void {
  const steps = stepsOf(tx.db, [event.id], true).get(event.id) ?? [];
  const timers = eventTimers(tx.db, event, steps, new Date(now));
  for (const step of steps) {
    if (step.overdueAtLevelChange !== null || stepApplies(step, level) || !timers.get(step.id)!.overdue) continue;
    tx.update(
      crisisSteps,
      step.id,
      { overdueAtLevelChange: now, updatedAt: now },
      { action: 'keep-overdue', details: { eventId: event.id, key: step.key, fromLevel: event.level, toLevel: level } },
    );
  }
}

/** The steps still to do before closing, read inside the closing transaction. */
function openChecklistSteps(tx: WriteContext, event: EventRecord): StepRecord[] {
  const steps = stepsOf(tx.db, [event.id], true).get(event.id) ?? [];
  return steps.filter((s) => s.status === 'open' && s.key !== CLOSURE_STEP_KEY && stepInChecklist(s, event.level));
}

export function requestClose(tx: WriteContext, eventId: string, summary: string, now: string): void {
  const event = requireEvent(tx.db, eventId);
  if (event.status !== 'open') throw new AppError('CONFLICT', { reason: 'crisisEventNotOpen' });
  assertNoOpenSteps(openChecklistSteps(tx, event));
  tx.update(
    crisisEvents,
    eventId,
    { status: 'closing', summary, closeRequestedBy: tx.actor.accountId, closeRequestedAt: now, updatedAt: now },
    { action: 'request-close' },
  );
}

/**
 * The closure step (结案：总结、依据及审批人) is what the close itself records: the summary of the
 * request and the director's approval. It is marked done by the approval, in the same transaction.
 */
function completeClosureStep(tx: WriteContext, event: EventRecord, now: string): void {
  const step = tx.db
    .select()
    .from(crisisSteps)
    .where(and(eq(crisisSteps.eventId, event.id), eq(crisisSteps.key, CLOSURE_STEP_KEY)))
    .get();
  if (!step || step.status !== 'open') return;
  tx.update(
    crisisSteps,
    step.id,
    { status: 'done', doneBy: tx.actor.accountId, doneAt: now, note: event.summary, updatedAt: now },
    { action: 'complete', details: { eventId: event.id, key: step.key, byApproval: true } },
  );
}

export function approveClose(tx: WriteContext, eventId: string, now: string): void {
  const event = requireEvent(tx.db, eventId);
  if (event.status !== 'closing') throw new AppError('CONFLICT', { reason: 'crisisCloseNotRequested' });
  // Again at approval: a step may have been reopened since the request.
  assertNoOpenSteps(openChecklistSteps(tx, event));
  completeClosureStep(tx, event, now);
  tx.update(crisisEvents, eventId, { status: 'closed', approvedBy: tx.actor.accountId, closedAt: now, updatedAt: now }, { action: 'approve-close' });
}

export function rejectClose(tx: WriteContext, eventId: string, reason: string, now: string): void {
  const event = requireEvent(tx.db, eventId);
  if (event.status !== 'closing') throw new AppError('CONFLICT', { reason: 'crisisCloseNotRequested' });
  tx.update(
    crisisEvents,
    eventId,
    { status: 'open', closeRequestedBy: null, closeRequestedAt: null, updatedAt: now },
    { action: 'reject-close', details: { reason } },
  );
}

/** De-identified counts by month (workstation time), level and department: no names, no content. */
export function summaries(db: Db, year?: number) {
  const rows = db
    .select({ discoveredAt: crisisEvents.discoveredAt, level: crisisEvents.level, status: crisisEvents.status, department: students.department })
    .from(crisisEvents)
    .innerJoin(students, eq(students.id, crisisEvents.studentId))
    .all();
  const buckets = new Map<string, { month: string; level: string; department: string | null; count: number; open: number }>();
  for (const row of rows) {
    const at = new Date(row.discoveredAt);
    if (year !== undefined && at.getFullYear() !== year) continue;
    const month = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}`;
    const key = JSON.stringify([month, row.level, row.department]);
    const bucket = buckets.get(key) ?? { month, level: row.level, department: row.department, count: 0, open: 0 };
    bucket.count += 1;
    if (row.status !== 'closed') bucket.open += 1;
    buckets.set(key, bucket);
  }
  const levels = readCrisisLevels(db);
  return [...buckets.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) || levelRank(levels, a.level) - levelRank(levels, b.level) || (a.department ?? '').localeCompare(b.department ?? ''),
  );
}

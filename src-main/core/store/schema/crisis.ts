import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accountRef, createdByAndAt, createdByAndTimestamps, idColumn, requiredRef, studentRef, timestamps } from './columns';
import type { CrisisTemplateDefinition } from '../../../../src-shared/contract/crisis';
import { CRISIS_EVENT_SOURCES, CRISIS_EVENT_STATUSES, CRISIS_STEP_STATUSES } from '../../../../src-shared/contract/crisis';
import { NOTIFICATION_METHODS, NOTIFICATION_RECIPIENTS } from '../../../../src-shared/contract/referrals';

/**
 * 危机干预流程模板, versioned: saving a template adds a version; an event keeps the version it
 * started with, so later edits never change an event under way.
 */
export const crisisTemplates = sqliteTable(
  'crisis_templates',
  {
    id: idColumn(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    definition: text('definition', { mode: 'json' }).$type<CrisisTemplateDefinition>().notNull(),
    ...createdByAndAt(),
  },
  (t) => [uniqueIndex('crisis_templates_version').on(t.version)],
);

/** 危机事件. `level` is a key of the level scheme in settings (default 1 red, 2 orange, 3 yellow). */
export const crisisEvents = sqliteTable(
  'crisis_events',
  {
    id: idColumn(),
    eventNo: text('event_no').notNull().unique(),
    studentId: studentRef(),
    caseId: text('case_id'),
    source: text('source', { enum: CRISIS_EVENT_SOURCES }).notNull(),
    alertId: text('alert_id'),
    reportId: text('report_id'),
    templateId: requiredRef('template_id', () => crisisTemplates.id),
    templateVersion: integer('template_version').notNull(),
    /** T0: every step's timer counts from here. */
    discoveredAt: text('discovered_at').notNull(),
    /** What was seen at discovery (clinical content). */
    description: text('description'),
    level: text('level').notNull(),
    /** The responsible counselor. */
    ownerId: accountRef('owner_id'),
    status: text('status', { enum: CRISIS_EVENT_STATUSES }).notNull(),
    /** Closing summary and rationale (clinical content). */
    summary: text('summary'),
    closeRequestedBy: accountRef('close_requested_by'),
    closeRequestedAt: text('close_requested_at'),
    approvedBy: accountRef('approved_by'),
    closedAt: text('closed_at'),
    ...createdByAndTimestamps(),
  },
  (t) => [index('crisis_events_status').on(t.status, t.level), index('crisis_events_student').on(t.studentId)],
);

/** One checklist step of an event, copied from its template version when the event opens. */
export const crisisSteps = sqliteTable(
  'crisis_steps',
  {
    id: idColumn(),
    eventId: requiredRef('event_id', () => crisisEvents.id),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    ownerRole: text('owner_role').notNull(),
    /** A named person, when someone took the step on (e.g. a liaison). */
    assignedTo: accountRef('assigned_to'),
    /** A person of the work network without an account (保卫处值班人员, 校医院) who was given the step. */
    assigneePersonId: text('assignee_person_id'),
    /** Minutes after discovery; null for ongoing steps without a deadline. */
    dueMinutes: integer('due_minutes'),
    /** Level keys the step applies to; empty = every level. */
    levels: text('levels', { mode: 'json' }).$type<string[]>().notNull(),
    status: text('status', { enum: CRISIS_STEP_STATUSES }).notNull(),
    doneBy: accountRef('done_by'),
    doneAt: text('done_at'),
    /** Who actually did it, when a register person did it and a staff member recorded it (done_by). */
    doneByPersonId: text('done_by_person_id'),
    /** Clinical content. */
    note: text('note'),
    naReason: text('na_reason'),
    /**
     * When a level drop took this step out of the level while it was overdue: it stays in the
     * checklist as overdue until done or marked not applicable (a new fact, history untouched).
     */
    overdueAtLevelChange: text('overdue_at_level_change'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('crisis_steps_key').on(t.eventId, t.key), index('crisis_steps_assignee').on(t.assignedTo, t.status)],
);

/** Every change of an event's level, with its reason. */
export const crisisLevelChanges = sqliteTable(
  'crisis_level_changes',
  {
    id: idColumn(),
    eventId: requiredRef('event_id', () => crisisEvents.id),
    fromLevel: text('from_level'),
    toLevel: text('to_level').notNull(),
    reason: text('reason').notNull(),
    changedBy: accountRef('changed_by'),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('crisis_level_changes_event').on(t.eventId)],
);

/** 通知记录: who was told (guardian, department, leadership, hospital, 110/120), how, when, what, on what basis. */
export const crisisNotifications = sqliteTable(
  'crisis_notifications',
  {
    id: idColumn(),
    eventId: requiredRef('event_id', () => crisisEvents.id),
    recipientKind: text('recipient_kind', { enum: NOTIFICATION_RECIPIENTS }).notNull(),
    recipientName: text('recipient_name').notNull(),
    /** The recipient as a person of the work network, when picked from it (recipient_name keeps the name). */
    recipientPersonId: text('recipient_person_id'),
    method: text('method', { enum: NOTIFICATION_METHODS }).notNull(),
    notifiedBy: accountRef('notified_by'),
    notifiedAt: text('notified_at').notNull(),
    /** What was said (clinical content). */
    content: text('content').notNull(),
    basis: text('basis').notNull(),
    ...timestamps(),
  },
  (t) => [index('crisis_notifications_event').on(t.eventId)],
);

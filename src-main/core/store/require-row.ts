import { eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { ReadDb } from './read-db';
import {
  accounts,
  appointments,
  assessments,
  breakGlassAccesses,
  cases,
  censusBatches,
  censusFollowups,
  counselingGroups,
  crisisEvents,
  destructionRequests,
  disclosures,
  educationActivities,
  familyContacts,
  leadershipDecisions,
  leadershipEscalations,
  mentalHealthCourses,
  referrals,
  reports,
  rooms,
  safetyPlans,
  supervisionSessions,
  trainingSessions,
} from './schema';
import type { EntityTable } from './unit-of-work';

/**
 * Every record kind a service looks up by id, with the NOT_FOUND reason it answers when the id
 * names nothing (the renderer translates the reason, so each stays what it was).
 */
const ROW_KINDS = {
  account: { table: accounts, reason: 'accountNotFound' },
  activity: { table: educationActivities, reason: 'activityNotFound' },
  appointment: { table: appointments, reason: 'appointmentNotFound' },
  assessment: { table: assessments, reason: 'assessmentNotFound' },
  breakGlass: { table: breakGlassAccesses, reason: 'breakGlassNotFound' },
  case: { table: cases, reason: 'caseNotFound' },
  censusBatch: { table: censusBatches, reason: 'censusBatchNotFound' },
  censusFollowup: { table: censusFollowups, reason: 'followupNotFound' },
  course: { table: mentalHealthCourses, reason: 'courseNotFound' },
  crisisEvent: { table: crisisEvents, reason: 'crisisEventNotFound' },
  destructionRequest: { table: destructionRequests, reason: 'archiveRequestNotFound' },
  disclosure: { table: disclosures, reason: 'disclosureNotFound' },
  familyContact: { table: familyContacts, reason: 'familyContactNotFound' },
  group: { table: counselingGroups, reason: 'groupNotFound' },
  leadershipDecision: { table: leadershipDecisions, reason: 'leadershipDecisionNotFound' },
  leadershipEscalation: { table: leadershipEscalations, reason: 'leadershipEscalationNotFound' },
  referral: { table: referrals, reason: 'referralNotFound' },
  report: { table: reports, reason: 'reportNotFound' },
  room: { table: rooms, reason: 'calendarRoomNotFound' },
  safetyPlan: { table: safetyPlans, reason: 'safetyPlanNotFound' },
  supervision: { table: supervisionSessions, reason: 'supervisionNotFound' },
  training: { table: trainingSessions, reason: 'trainingNotFound' },
} as const satisfies Record<string, { table: EntityTable; reason: string }>;

export type RowKind = keyof typeof ROW_KINDS;
export type RowOf<K extends RowKind> = (typeof ROW_KINDS)[K]['table']['$inferSelect'];

/**
 * The row of that kind with that id, or NOT_FOUND with the kind's reason. `reason` replaces it
 * where a module words the miss its own way (a note's case: `noteCaseNotFound`).
 */
export function requireRow<K extends RowKind>(db: ReadDb, kind: K, id: string, reason: string = ROW_KINDS[kind].reason): RowOf<K> {
  const table: EntityTable = ROW_KINDS[kind].table;
  const row = db.select().from(table).where(eq(table.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', { reason });
  return row as RowOf<K>;
}

/**
 * The row a read found, or NOT_FOUND with the caller's reason: for reads that join or shape rows,
 * where requireRow's lookup by kind does not fit.
 */
export function requireFound<T>(row: T | undefined, details: { reason: string }): T {
  if (row === undefined) throw new AppError('NOT_FOUND', details);
  return row;
}

import { and, eq, getTableName, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { RecordRef } from '../../../src-shared/contract/archive';
import { breakGlassAccesses } from '../store/schema/access';
import { alerts, assessments } from '../store/schema/assessments';
import { attachments } from '../store/schema/attachments';
import { appointments, waitlistEntries } from '../store/schema/calendar';
import { cases, intakes } from '../store/schema/cases';
import { approvalRequests } from '../store/schema/approvals';
import { censusFollowupHistory, censusFollowups } from '../store/schema/census';
import { crisisEvents, crisisLevelChanges, crisisNotifications, crisisSteps } from '../store/schema/crisis';
import { followupTasks, leaveRecords, returnAssessments } from '../store/schema/followups';
import { groupMembers } from '../store/schema/groups';
import { keyAttention, keyAttentionHistory } from '../store/schema/keyattention';
import { familyContacts } from '../store/schema/family';
import { leadershipDecisions, leadershipEscalations } from '../store/schema/leadership';
import { noteAddenda, sessionNotes } from '../store/schema/notes';
import { disclosures, referrals, safetyPlans } from '../store/schema/referrals';
import { reports } from '../store/schema/reports';
import type { EntityTable, WriteContext } from '../store/unit-of-work';

type Table = EntityTable;

/**
 * Deletes the given records and everything hanging off them, children before parents (the
 * foreign keys are checked at once), inside the caller's transaction. Every removed row is one
 * `tx.delete` (an audit event without content and an outbox `delete`), and every outbox event
 * that carried a removed row's content is scrubbed down to its id. Returns counts per table.
 */
export function destroyRecords(tx: WriteContext, studentId: string, refs: readonly RecordRef[], requestId: string): { counts: Record<string, number> } {
  const db = tx.db;
  const idsOf = (kind: RecordRef['kind']) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const caseIds = idsOf('case');
  const assessmentIds = idsOf('assessment');
  const reportIds = idsOf('report');
  const eventIds = idsOf('crisis');
  const care = refs.some((r) => r.kind === 'care' && r.id === studentId);

  // Every lookup is also bounded by the student: a wrong id can never reach someone else's rows.
  const select = (table: Table & { studentId: SQLiteColumn }, where: SQL | undefined): string[] =>
    where
      ? db
          .select({ id: table.id })
          .from(table)
          .where(and(where, eq(table.studentId, studentId)))
          .all()
          .map((r) => r.id as string)
      : [];
  const within = (column: SQLiteColumn, ids: string[]) => (ids.length ? inArray(column, ids) : undefined);
  // Rows without a student id of their own go with the rows they hang off (their `parent` is one of `ids`).
  const childrenOf = (table: Table, parent: SQLiteColumn, ids: string[]): string[] =>
    ids.length
      ? db
          .select({ id: table.id })
          .from(table)
          .where(inArray(parent, ids))
          .all()
          .map((r) => r.id as string)
      : [];

  const noteIds = select(sessionNotes, within(sessionNotes.caseId, caseIds));
  const addendumIds = childrenOf(noteAddenda, noteAddenda.noteId, noteIds);
  const intakeIds = select(intakes, within(intakes.caseId, caseIds));
  const appointmentIds = select(appointments, or(within(appointments.caseId, caseIds), care ? isNull(appointments.caseId) : undefined));
  const waitlistIds = select(waitlistEntries, or(within(waitlistEntries.caseId, caseIds), care ? isNull(waitlistEntries.caseId) : undefined));
  // Referrals, safety plans and disclosures belong to their event first, else to their case, else to the student.
  const byOwner = (t: typeof referrals | typeof safetyPlans | typeof disclosures) =>
    select(
      t,
      or(
        within(t.eventId, eventIds),
        caseIds.length ? and(isNull(t.eventId), inArray(t.caseId, caseIds)) : undefined,
        care ? and(isNull(t.eventId), isNull(t.caseId)) : undefined,
      ),
    );
  const referralIds = byOwner(referrals);
  const safetyPlanIds = byOwner(safetyPlans);
  const disclosureIds = byOwner(disclosures);
  const leaveIds = select(leaveRecords, or(within(leaveRecords.eventId, eventIds), care ? isNull(leaveRecords.eventId) : undefined));
  const returnIds = childrenOf(returnAssessments, returnAssessments.leaveId, leaveIds);
  const taskIds = select(followupTasks, or(within(followupTasks.eventId, eventIds), care ? isNull(followupTasks.eventId) : undefined));
  const eventChildren = (
    t: typeof crisisSteps | typeof crisisNotifications | typeof crisisLevelChanges | typeof leadershipDecisions | typeof leadershipEscalations,
  ) => childrenOf(t, t.eventId, eventIds);
  const alertIds = select(
    alerts,
    or(
      within(alerts.assessmentId, assessmentIds),
      within(alerts.reportId, reportIds),
      care ? and(isNull(alerts.assessmentId), isNull(alerts.reportId)) : undefined,
    ),
  );
  const breakGlassIds = select(breakGlassAccesses, within(breakGlassAccesses.entityId, [...caseIds, ...noteIds]));
  const keyAttentionIds = care ? select(keyAttention, eq(keyAttention.studentId, studentId)) : [];
  const keyHistoryIds = care ? select(keyAttentionHistory, eq(keyAttentionHistory.studentId, studentId)) : [];
  const censusFollowupIds = care ? select(censusFollowups, eq(censusFollowups.studentId, studentId)) : [];
  const groupMemberIds = care ? select(groupMembers, eq(groupMembers.studentId, studentId)) : [];
  // The family-contact log goes with the care records (it is about the student's care, not one case).
  const familyContactIds = care ? select(familyContacts, eq(familyContacts.studentId, studentId)) : [];
  // An interview's earlier outcomes go with it.
  const censusHistoryIds = childrenOf(censusFollowupHistory, censusFollowupHistory.followupId, censusFollowupIds);
  // Approval requests hold clinical reasons: they go with the case, report or key-attention entry they are about (all of them with the care records).
  const approvalIds = select(
    approvalRequests,
    or(within(approvalRequests.subjectId, [...caseIds, ...reportIds, ...keyAttentionIds]), care ? eq(approvalRequests.studentId, studentId) : undefined),
  );

  const owners = [
    ...caseIds,
    ...noteIds,
    ...intakeIds,
    ...eventIds,
    ...referralIds,
    ...safetyPlanIds,
    ...disclosureIds,
    ...leaveIds,
    ...returnIds,
    ...taskIds,
    ...reportIds,
    ...assessmentIds,
  ];
  const attachmentIds = owners.length
    ? db
        .select({ id: attachments.id })
        .from(attachments)
        .where(inArray(attachments.ownerId, owners))
        .all()
        .map((r) => r.id)
    : [];

  // An intake that stays (its case is kept) lets go of a destroyed screener or report.
  const keptIntakes = [...select(intakes, within(intakes.riskAssessmentId, assessmentIds)), ...select(intakes, within(intakes.reportId, reportIds))].filter(
    (id) => !intakeIds.includes(id),
  );
  for (const id of new Set(keptIntakes)) {
    const row = db.select({ riskAssessmentId: intakes.riskAssessmentId, reportId: intakes.reportId }).from(intakes).where(eq(intakes.id, id)).get()!;
    tx.update(
      intakes,
      id,
      {
        ...(row.riskAssessmentId && assessmentIds.includes(row.riskAssessmentId) && { riskAssessmentId: null }),
        ...(row.reportId && reportIds.includes(row.reportId) && { reportId: null }),
      },
      { action: 'destroy-unlink', details: { requestId } },
    );
  }

  const plan: [Table, string[]][] = [
    [attachments, attachmentIds],
    [noteAddenda, addendumIds],
    [sessionNotes, noteIds],
    [breakGlassAccesses, breakGlassIds],
    [intakes, intakeIds],
    [appointments, appointmentIds],
    [waitlistEntries, waitlistIds],
    [returnAssessments, returnIds],
    [leaveRecords, leaveIds],
    [followupTasks, taskIds],
    [referrals, referralIds],
    [safetyPlans, safetyPlanIds],
    [disclosures, disclosureIds],
    [crisisSteps, eventChildren(crisisSteps)],
    [crisisNotifications, eventChildren(crisisNotifications)],
    [crisisLevelChanges, eventChildren(crisisLevelChanges)],
    [leadershipDecisions, eventChildren(leadershipDecisions)],
    [leadershipEscalations, eventChildren(leadershipEscalations)],
    [alerts, alertIds],
    [crisisEvents, select(crisisEvents, within(crisisEvents.id, eventIds))],
    [assessments, select(assessments, within(assessments.id, assessmentIds))],
    [reports, select(reports, within(reports.id, reportIds))],
    [cases, select(cases, within(cases.id, caseIds))],
    [keyAttentionHistory, keyHistoryIds],
    [keyAttention, keyAttentionIds],
    [approvalRequests, approvalIds],
    [censusFollowupHistory, censusHistoryIds],
    [censusFollowups, censusFollowupIds],
    [groupMembers, groupMemberIds],
    [familyContacts, familyContactIds],
  ];

  const counts: Record<string, number> = {};
  const hatch = tx.destructionHatch();
  for (const [table, ids] of plan) {
    const entity = getTableName(table);
    for (const id of new Set(ids)) {
      tx.delete(table, id, { action: 'destroy', details: { requestId } });
      // The outbox held the row as written (the note's text included): only the id stays.
      hatch.scrubOutbox(entity, id);
      counts[entity] = (counts[entity] ?? 0) + 1;
    }
  }
  return { counts };
}

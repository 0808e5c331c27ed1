import type { ViewOp } from './view-tables';

/**
 * What a received row changes in the projections. Each output column is read by name from the
 * row, so a clinical field added to a workstation table later can never reach a view.
 */

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null);

export interface ReceivedRow {
  workstationId: string;
  profile: string;
  entity: string;
  entityId: string;
  /** The merged row after the event, or null when the event deleted it. */
  row: Record<string, unknown> | null;
  changedAt: string;
}

export function viewOpsFor(received: ReceivedRow): ViewOp[] {
  const { workstationId, profile, entity, entityId, row, changedAt } = received;
  if (profile === 'full') return fullProfileOps(workstationId, entity, entityId, row, changedAt);
  if (profile === 'departments' && entity === 'key_attention_roster') return [rosterOp(workstationId, entityId, row, changedAt)];
  if (profile === 'statistics' && entity === 'statistics_month') {
    return [
      {
        table: 'statisticsMonths',
        key: { workstation_id: workstationId, month: entityId },
        row: row && { figures: JSON.stringify(row), changed_at: changedAt },
      },
    ];
  }
  return [];
}

function fullProfileOps(ws: string, entity: string, id: string, row: Record<string, unknown> | null, changedAt: string): ViewOp[] {
  switch (entity) {
    case 'students':
      return [
        {
          table: 'students',
          key: { workstation_id: ws, local_id: id },
          row: row && {
            student_no: text(row.studentNo),
            name: text(row.name),
            department: text(row.department),
            class_name: text(row.className),
            status: text(row.status),
            changed_at: text(row.updatedAt) ?? changedAt,
          },
        },
      ];
    case 'accounts':
      return [{ table: 'accounts', key: { workstation_id: ws, account_id: id }, row: row && { display_name: text(row.displayName) } }];
    case 'crisis_events':
      return [
        {
          table: 'crisisEvents',
          key: { workstation_id: ws, event_id: id },
          row: row && {
            event_no: text(row.eventNo),
            student_local_id: text(row.studentId),
            level: text(row.level),
            status: text(row.status),
            owner_id: text(row.ownerId),
            discovered_at: text(row.discoveredAt),
            changed_at: changedAt,
          },
        },
      ];
    case 'crisis_steps':
      return [
        {
          table: 'crisisSteps',
          key: { workstation_id: ws, step_id: id },
          row: row && {
            event_id: text(row.eventId),
            due_minutes: int(row.dueMinutes),
            levels: JSON.stringify(Array.isArray(row.levels) ? row.levels.filter((l) => typeof l === 'string') : []),
            status: text(row.status),
            overdue_at_level_change: text(row.overdueAtLevelChange),
          },
        },
      ];
    case 'key_attention': {
      const responsible = (row?.responsible ?? {}) as Record<string, unknown>;
      return [
        {
          table: 'keyAttention',
          key: { workstation_id: ws, entry_id: id, profile: 'full' },
          row: row && {
            student_local_id: text(row.studentId),
            level: text(row.level),
            status: text(row.status),
            next_review_on: text(row.nextReviewOn),
            counselor_id: text(responsible.counselorId),
            changed_at: changedAt,
          },
        },
      ];
    }
    case 'cases':
      return [
        {
          table: 'cases',
          key: { workstation_id: ws, case_id: id },
          row: row && { student_local_id: text(row.studentId), status: text(row.status), opened_at: text(row.openedAt), closed_at: text(row.closedAt) },
        },
      ];
    case 'session_notes':
      return [{ table: 'sessions', key: { workstation_id: ws, note_id: id }, row: row && { case_id: text(row.caseId), session_at: text(row.sessionAt) } }];
    case 'referrals':
      return [
        {
          table: 'referrals',
          key: { workstation_id: ws, referral_id: id },
          row: row && { student_local_id: text(row.studentId), status: text(row.status), created_at: text(row.createdAt) },
        },
      ];
    case 'census_followups':
      return [
        {
          table: 'census',
          key: { workstation_id: ws, followup_id: id },
          row: row && {
            batch_id: text(row.batchId),
            student_local_id: text(row.studentId),
            status: text(row.status),
            created_at: text(row.createdAt),
            changed_at: changedAt,
          },
        },
      ];
    default:
      return [];
  }
}

function rosterOp(ws: string, id: string, row: Record<string, unknown> | null, changedAt: string): ViewOp {
  const responsible = (row?.responsible ?? {}) as Record<string, unknown>;
  return {
    table: 'keyAttention',
    key: { workstation_id: ws, entry_id: id, profile: 'departments' },
    row: row && {
      student_no: text(row.studentNo),
      name: text(row.name),
      department: text(row.department),
      class_name: text(row.className),
      level: text(row.level),
      status: text(row.status),
      next_review_on: text(row.nextReviewOn),
      counselor_name: text(responsible.counselor),
      changed_at: changedAt,
    },
  };
}

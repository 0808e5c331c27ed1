import { AppError } from '../../../src-shared/contract/errors';
import type { KeyAttentionRemovalReason } from '../../../src-shared/contract/keyattention';
import {
  approvalViews,
  decideApproval,
  pendingApproval,
  recordSelfApproved,
  requestApproval,
  requirePendingApproval,
  type ApprovalView,
} from '../approvals/approval-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import type { Session } from '../vault';
import { assertNoCrisisUnderWay, removeEntry, requireEntry, type EntryRow, type Removal } from './keyattention-service';
import { isDirector } from '../../../src-shared/permissions';

/**
 * Taking a student off the key-attention list (issue 14 item 13): the director does it; the
 * responsible counselor asks the director, and the entry stays active until approved; nobody
 * does it while the student has a crisis event under way (checked on asking and again on
 * approval, inside the write transaction).
 */
export type TakeOffOutcome = { removed: EntryRow } | { requested: RemovalRequestView };

const KIND = 'keyAttentionRemoval' as const;

export function takeOffList(tx: WriteContext, session: Session, entryId: string, removal: Removal, at: string): TakeOffOutcome {
  const entry = requireEntry(tx.db, entryId);
  if (entry.status !== 'active') throw new AppError('CONFLICT', { reason: 'keyAttentionNotActive' });
  assertNoCrisisUnderWay(tx.db, entry.studentId);
  const payload = { reasonCode: removal.reasonCode };
  if (isDirector(session.roles)) {
    // A counselor's request still waiting is answered by the director's own removal.
    const waiting = pendingApproval(tx.db, KIND, entry.id);
    const removed = removeEntry(tx, entry.id, removal, at);
    if (waiting) decideApproval(tx, waiting, { approve: true, note: removal.note }, at, () => null);
    else recordSelfApproved(tx, { kind: KIND, subjectId: entry.id, studentId: entry.studentId, payload, reason: removal.note }, at);
    return { removed };
  }
  if (entry.responsible.counselorId !== session.accountId) throw new AppError('FORBIDDEN', { reason: 'keyAttentionRemoveNotResponsible' });
  const row = requestApproval(tx, { kind: KIND, subjectId: entry.id, studentId: entry.studentId, payload, reason: removal.note }, at);
  return { requested: removalRequests(tx.db, { ids: [row.id] })[0] };
}

/** The director's decision; approving removes the entry with the reason asked for (refused if a crisis event is now under way). */
export function decideRemoval(tx: WriteContext, requestId: string, decision: { approve: boolean; note?: string }, at: string): EntryRow {
  const row = requirePendingApproval(tx.db, requestId, KIND);
  const reasonCode = row.payload.reasonCode as KeyAttentionRemovalReason;
  decideApproval(tx, row, decision, at, () => removeEntry(tx, row.subjectId, { reasonCode, note: row.reason }, at));
  return requireEntry(tx.db, row.subjectId);
}

export interface RemovalRequestView {
  id: string;
  entryId: string;
  reasonCode: KeyAttentionRemovalReason;
  note: string;
  status: ApprovalView['status'];
  requestedBy: ApprovalView['requestedBy'];
  requestedAt: string;
  decidedBy: ApprovalView['decidedBy'];
  decidedAt: string | null;
  decisionNote: string | null;
}

function toRemovalView(view: ApprovalView): RemovalRequestView {
  return {
    id: view.id,
    entryId: view.subjectId,
    reasonCode: view.payload.reasonCode as KeyAttentionRemovalReason,
    note: view.reason,
    status: view.status,
    requestedBy: view.requestedBy,
    requestedAt: view.requestedAt,
    decidedBy: view.decidedBy,
    decidedAt: view.decidedAt,
    decisionNote: view.decisionNote,
  };
}

export function removalRequests(db: Db, filter: { ids?: string[]; entryIds?: string[]; status?: 'pending'; requestedBy?: string }): RemovalRequestView[] {
  return approvalViews(db, {
    kind: KIND,
    subjectIds: filter.entryIds,
    status: filter.status,
    requestedBy: filter.requestedBy ? [filter.requestedBy] : undefined,
  })
    .filter((v) => !filter.ids || filter.ids.includes(v.id))
    .map(toRemovalView);
}

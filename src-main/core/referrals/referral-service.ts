import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { consentByProblem, type Referral } from '../../../src-shared/contract/referrals';
import type { OpenStore } from '../store/open-store';
import type { Db } from '../store/unit-of-work';
import type { Session } from '../vault';
import { auditedViews, checkedLinks, recordViews, type ListFilter } from './links';
import { referrals } from '../store/schema/referrals';
import { requireRow } from '../store/require-row';

type ReferralRow = typeof referrals.$inferSelect;

export interface ReferralFields {
  hospital: string;
  hospitalDepartment?: string | null;
  referredOn: string;
  escort?: string | null;
  letterText?: string | null;
  consentToShare: boolean;
  consentBy?: string | null;
}

const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

export function toReferrals(db: Db, rows: ReferralRow[]): Referral[] {
  const views = recordViews(db, rows, (r) => [r.createdBy]);
  return rows.map((row) => ({
    ...views.base(row),
    hospital: row.hospital,
    hospitalDepartment: row.hospitalDepartment,
    referredOn: row.referredOn,
    escort: row.escort,
    letterText: row.letterText,
    consentToShare: row.consentToShare,
    consentBy: row.consentBy,
    feedback: row.feedback,
    feedbackOn: row.feedbackOn,
    status: row.status,
    createdBy: views.person(row.createdBy),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

/** Consent to share needs a name; without consent nobody is named as having given it. */
function consentColumns(fields: { consentToShare: boolean; consentBy?: string | null }) {
  if (consentByProblem(fields)) throw new AppError('VALIDATION', { reason: 'referralConsentByRequired' });
  return { consentToShare: fields.consentToShare, consentBy: fields.consentToShare ? blankToNull(fields.consentBy) : null };
}

export function listReferrals(store: OpenStore, session: Session, filter: ListFilter): Referral[] {
  const where = filter.eventId
    ? eq(referrals.eventId, filter.eventId)
    : filter.caseId
      ? eq(referrals.caseId, filter.caseId)
      : eq(referrals.studentId, filter.studentId!);
  const rows = store.db.select().from(referrals).where(where).orderBy(desc(referrals.referredOn), desc(referrals.createdAt)).all();
  return auditedViews(store, session, 'referrals', rows, toReferrals);
}

export function readReferral(store: OpenStore, session: Session, id: string): Referral {
  const row = requireRow(store.db, 'referral', id);
  return auditedViews(store, session, 'referrals', [row], toReferrals)[0];
}

export function createReferral(
  store: OpenStore,
  session: Session,
  input: ReferralFields & { studentId: string; eventId?: string | null; caseId?: string | null; status: 'planned' | 'referred' },
  now: Date,
): Referral {
  const links = checkedLinks(store.db, input);
  const at = now.toISOString();
  const row = store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.insert(
      referrals,
      {
        id: randomUUID(),
        ...links,
        hospital: input.hospital,
        hospitalDepartment: blankToNull(input.hospitalDepartment),
        referredOn: input.referredOn,
        escort: blankToNull(input.escort),
        letterText: blankToNull(input.letterText),
        ...consentColumns(input),
        feedback: null,
        feedbackOn: null,
        status: input.status,
        createdBy: session.accountId,
        createdAt: at,
        updatedAt: at,
      },
      { details: { studentId: links.studentId, eventId: links.eventId, caseId: links.caseId, consentToShare: input.consentToShare } },
    ),
  );
  return toReferrals(store.db, [row])[0];
}

/** A referral can change until the hospital's feedback is in: then it is a closed record. */
export function updateReferral(
  store: OpenStore,
  session: Session,
  id: string,
  patch: Partial<ReferralFields> & { status?: 'planned' | 'referred' },
  now: Date,
): Referral {
  const row = requireRow(store.db, 'referral', id);
  if (row.status === 'feedback_received') throw new AppError('CONFLICT', { reason: 'referralFeedbackRecorded' });
  const consent = consentColumns({
    consentToShare: patch.consentToShare ?? row.consentToShare,
    consentBy: patch.consentBy !== undefined ? patch.consentBy : row.consentBy,
  });
  const changes: Partial<typeof referrals.$inferInsert> = {
    ...(patch.hospital !== undefined && { hospital: patch.hospital }),
    ...(patch.hospitalDepartment !== undefined && { hospitalDepartment: blankToNull(patch.hospitalDepartment) }),
    ...(patch.referredOn !== undefined && { referredOn: patch.referredOn }),
    ...(patch.escort !== undefined && { escort: blankToNull(patch.escort) }),
    ...(patch.letterText !== undefined && { letterText: blankToNull(patch.letterText) }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...consent,
    updatedAt: now.toISOString(),
  };
  const updated = store.uow.run({ accountId: session.accountId }, (tx) => tx.update(referrals, row.id, changes, { details: { studentId: row.studentId } }));
  return toReferrals(store.db, [updated])[0];
}

/** 反馈: what the hospital said, in the hospital's words; recorded once, after which the referral is closed. */
export function recordFeedback(store: OpenStore, session: Session, id: string, input: { feedback: string; feedbackOn: string }, now: Date): Referral {
  const row = requireRow(store.db, 'referral', id);
  if (row.status === 'feedback_received') throw new AppError('CONFLICT', { reason: 'referralFeedbackRecorded' });
  if (input.feedbackOn < row.referredOn) throw new AppError('VALIDATION', { reason: 'referralFeedbackBeforeReferral' });
  const updated = store.uow.run({ accountId: session.accountId }, (tx) =>
    tx.update(
      referrals,
      row.id,
      { feedback: input.feedback, feedbackOn: input.feedbackOn, status: 'feedback_received', updatedAt: now.toISOString() },
      { action: 'record-feedback', details: { studentId: row.studentId } },
    ),
  );
  return toReferrals(store.db, [updated])[0];
}

export function recordReferralPrint(store: OpenStore, session: Session, id: string, now: Date): { printedAt: string } {
  const row = requireRow(store.db, 'referral', id);
  store.uow.run({ accountId: session.accountId }, (tx) => tx.record('print', 'referrals', row.id, { studentId: row.studentId, document: 'referral-letter' }));
  return { printedAt: now.toISOString() };
}

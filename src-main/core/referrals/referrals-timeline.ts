import { eq } from 'drizzle-orm';
import type { TimelineEntry } from '../../../src-shared/contract/students';
import type { TimelineSource } from '../timeline/timeline';
import { disclosures, referrals, safetyPlans } from '../store/schema/referrals';

/**
 * Referrals, safety plan versions and confidentiality exceptions on the student file: that they
 * happened and when, never the letter, the plan or what was shared.
 */
/** A safety plan or a disclosure is read where it was made: its crisis event, else its case. */
function linkOf(row: { eventId: string | null; caseId: string | null }): { link?: { type: string; id: string } } {
  if (row.eventId) return { link: { type: 'crisisEvent', id: row.eventId } };
  return row.caseId ? { link: { type: 'case', id: row.caseId } } : {};
}

export const referralsTimeline: TimelineSource = {
  kind: 'referral',
  permission: 'crisis.manage',
  entries(db, studentId) {
    const out: TimelineEntry[] = [];
    for (const row of db.select().from(referrals).where(eq(referrals.studentId, studentId)).all()) {
      // When the student was referred (the day), entered later; leads to the crisis event it belongs to.
      out.push({
        at: row.referredOn,
        recordedAt: row.createdAt,
        kind: 'referral',
        titleKey: 'referrals.timeline.referral',
        values: { hospital: row.hospital, date: row.referredOn },
        level: null,
        ref: { type: 'referral', id: row.id },
        ...(row.eventId ? { link: { type: 'crisisEvent', id: row.eventId } } : {}),
      });
    }
    for (const row of db
      .select({ id: safetyPlans.id, version: safetyPlans.version, createdAt: safetyPlans.createdAt, eventId: safetyPlans.eventId, caseId: safetyPlans.caseId })
      .from(safetyPlans)
      .where(eq(safetyPlans.studentId, studentId))
      .all()) {
      out.push({
        at: row.createdAt,
        kind: 'safety_plan',
        titleKey: 'referrals.timeline.safetyPlan',
        values: { version: row.version },
        level: null,
        ref: { type: 'safety_plan', id: row.id },
        ...linkOf(row),
      });
    }
    for (const row of db
      .select({
        id: disclosures.id,
        trigger: disclosures.trigger,
        status: disclosures.status,
        disclosedAt: disclosures.disclosedAt,
        eventId: disclosures.eventId,
        caseId: disclosures.caseId,
      })
      .from(disclosures)
      .where(eq(disclosures.studentId, studentId))
      .all()) {
      out.push({
        at: row.disclosedAt,
        kind: 'disclosure',
        titleKey: 'referrals.timeline.disclosure',
        values: { trigger: `i18n:referrals.triggers.${row.trigger}`, status: `i18n:referrals.disclosureStatus.${row.status}` },
        level: null,
        ref: { type: 'disclosure', id: row.id },
        ...linkOf(row),
      });
    }
    return out;
  },
};

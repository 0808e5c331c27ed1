import type { TFunction } from 'i18next';
import { DisclosuresPanel } from './DisclosuresPanel';
import { ReferralsPanel } from './ReferralsPanel';
import { SafetyPlanPanel } from './SafetyPlanPanel';

/** The case page's tabs of this module: safety plan, referrals, confidentiality exceptions (case viewers are clinicians). */
export function referralCaseTabs(t: TFunction, studentId: string, caseId: string) {
  return [
    { key: 'safetyPlan', label: t('referrals.safetyPlan.title'), children: <SafetyPlanPanel studentId={studentId} caseId={caseId} /> },
    { key: 'referrals', label: t('referrals.referrals.title'), children: <ReferralsPanel studentId={studentId} caseId={caseId} /> },
    { key: 'disclosures', label: t('referrals.disclosures.title'), children: <DisclosuresPanel studentId={studentId} caseId={caseId} /> },
  ];
}

import { Result, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SAFETY_PLAN_SECTIONS } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ReferralsPrintFrame, SignatureLines } from './ReferralsPrintFrame';

/** 安全计划 as the student takes it home: the six sections, the version, signatures. */
export function SafetyPlanPrint({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const plan = useCallQuery('safetyPlans.get', { id: planId });
  const settings = useCallQuery('settings.get', {});
  if (plan.isPending || settings.isPending) return <Skeleton active />;
  if (plan.isError) return <Result status="error" title={t('referrals.print.loadFailed')} subTitle={errorMessage(plan.error, t)} />;
  const p = plan.data;
  return (
    <ReferralsPrintFrame schoolName={settings.data?.schoolName ?? ''} record={() => call('safetyPlans.recordPrint', { id: p.id })} testId="safety-plan-print">
      <div className="rp-title">{t('referrals.print.planTitle')}</div>
      <div className="rp-subtitle">
        {p.student.name}（{p.student.studentNo}）　{t('referrals.print.planVersion', { version: p.version, date: dayjs(p.createdAt).format('YYYY-MM-DD') })}
      </div>
      {SAFETY_PLAN_SECTIONS.map((key) => (
        <section key={key} className="rp-section">
          <div className="rp-section-title">{t(`referrals.sections.${key}`)}</div>
          {p.sections[key].length > 0 ? (
            <ul className="rp-list">
              {p.sections[key].map((entry, i) => (
                <li key={i}>{entry}</li>
              ))}
            </ul>
          ) : (
            <p className="rp-empty rp-indent">{t('referrals.safetyPlan.none')}</p>
          )}
        </section>
      ))}
      <SignatureLines signers={[t('referrals.print.studentSignature'), t('referrals.print.counselorSignature')]} />
    </ReferralsPrintFrame>
  );
}

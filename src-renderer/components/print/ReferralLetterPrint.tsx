import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ReferralsPrintFrame, SignatureLines } from './ReferralsPrintFrame';

/**
 * 转介函: the letter the student takes to the hospital. Without the student's consent to share
 * information it says so and leaves the reason out: the hospital then hears it from the student.
 */
export function ReferralLetterPrint({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const referral = useCallQuery('referrals.get', { id: referralId });
  const settings = useCallQuery('settings.get', {});
  if (referral.isPending || settings.isPending) return <Skeleton active />;
  if (referral.isError) return <Result status="error" title={t('referrals.print.loadFailed')} subTitle={errorMessage(referral.error, t)} />;
  const r = referral.data;
  const schoolName = settings.data?.schoolName ?? '';
  const hospital = [r.hospital, r.hospitalDepartment].filter(Boolean).join(' ');
  return (
    <ReferralsPrintFrame schoolName={schoolName} record={() => call('referrals.recordPrint', { id: r.id })} testId="referral-letter">
      <div className="rp-title">{t('referrals.print.letterTitle')}</div>
      <p>{t('referrals.print.letterTo', { hospital })}</p>
      <p className="rp-indent">{t('referrals.print.letterIntro')}</p>
      <table className="rp-table">
        <tbody>
          <tr>
            <th>{t('referrals.print.studentName')}</th>
            <td>{r.student.name}</td>
            <th>{t('referrals.print.studentNo')}</th>
            <td>{r.student.studentNo}</td>
          </tr>
          <tr>
            <th>{t('referrals.print.department')}</th>
            <td colSpan={3}>{[r.student.department, r.student.className].filter(Boolean).join(' ') || t('referrals.dash')}</td>
          </tr>
          <tr>
            <th>{t('referrals.print.referredOn')}</th>
            <td>{r.referredOn}</td>
            <th>{t('referrals.print.escort')}</th>
            <td>{r.escort ?? t('referrals.dash')}</td>
          </tr>
        </tbody>
      </table>
      {r.consentToShare ? (
        <section className="rp-section" data-testid="letter-reason">
          <div className="rp-section-title">{t('referrals.print.reason')}</div>
          <p className="rp-text rp-indent">{r.letterText ?? t('referrals.dash')}</p>
        </section>
      ) : null}
      <section className="rp-section" data-testid="letter-consent">
        <div className="rp-section-title">{t('referrals.print.consentTitle')}</div>
        <p className="rp-indent">{r.consentToShare ? t('referrals.print.consentGiven', { name: r.consentBy ?? '' }) : t('referrals.print.consentRefused')}</p>
      </section>
      <p className="rp-indent">{t('referrals.print.letterClosing')}</p>
      <p style={{ textAlign: 'right', marginTop: 16 }}>
        {schoolName} {t('referrals.print.center')}
      </p>
      <SignatureLines signers={[t('referrals.print.counselorSignature'), t('referrals.print.centerSignature')]} />
    </ReferralsPrintFrame>
  );
}

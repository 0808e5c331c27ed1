import { Descriptions, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract';
import { RiskTag } from './labels';
import { localTime } from '../../../src-shared/labels/local-time';
import { textOr } from '../../i18n/keys';

const paragraph = (text: string | null) => (text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{text}</Typography.Paragraph> : '—');

/** The intake as recorded: consent, concerns, history, the screen's result, impression, disposition. */
export function IntakeSummary({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const intake = detail.intake;
  if (!intake) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.intakeSummary.none')} />;
  const consent = intake.consent as {
    consentedBy?: string;
    consentedAt?: string;
    minor?: boolean;
    guardianName?: string;
    guardianRelation?: string;
    guardianConsentedAt?: string;
  };
  const concerns = intake.concerns.map((c) =>
    c === 'other' && intake.otherConcern ? `${t('cases.concerns.other')}（${intake.otherConcern}）` : textOr(`cases.concerns.${c}`, c, t),
  );
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}
      items={[
        {
          key: 'consent',
          label: t('cases.intakeSummary.consent'),
          children: (
            <>
              <div>{t('cases.intakeSummary.consentLine', { who: consent.consentedBy ?? '—', when: localTime(consent.consentedAt) })}</div>
              {consent.minor ? (
                <div>
                  {t('cases.intakeSummary.guardianLine', {
                    name: consent.guardianName ?? '—',
                    relation: consent.guardianRelation ?? '—',
                    when: localTime(consent.guardianConsentedAt),
                  })}
                </div>
              ) : null}
            </>
          ),
        },
        { key: 'concerns', label: t('cases.intakeSummary.concerns'), children: concerns.join('、') },
        { key: 'history', label: t('cases.intakeSummary.history'), children: paragraph(intake.history) },
        {
          key: 'risk',
          label: t('cases.intakeSummary.risk'),
          children: (
            <>
              C-SSRS <RiskTag risk={detail.riskLevel} />
            </>
          ),
        },
        { key: 'impression', label: t('cases.intakeSummary.impression'), children: paragraph(intake.impression) },
        { key: 'disposition', label: t('cases.intakeSummary.disposition'), children: t(`cases.dispositions.${intake.disposition}`) },
        {
          key: 'conducted',
          label: t('cases.intakeSummary.conducted'),
          children: t('cases.intakeSummary.conductedLine', { who: intake.conductedBy.displayName, when: localTime(intake.conductedAt) }),
        },
      ]}
    />
  );
}

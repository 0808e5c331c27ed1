import { Descriptions, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-shared/contract';
import { RiskTag } from './labels';
import { localTime } from '../../../src-shared/labels/local-time';
import { concernWords, consentLines } from './intake-words';

const paragraph = (text: string | null) => (text ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{text}</Typography.Paragraph> : '—');

/** The intake as recorded: consent, concerns, history, the screen's result, impression, disposition. */
export function IntakeSummary({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const intake = detail.intake;
  if (!intake) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.intakeSummary.none')} />;
  const [consentLine, guardianLine] = consentLines(intake.consent, t, 'cases.intakeSummary');
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
              <div>{consentLine}</div>
              {guardianLine ? <div>{guardianLine}</div> : null}
            </>
          ),
        },
        { key: 'concerns', label: t('cases.intakeSummary.concerns'), children: concernWords(intake, t).join('、') },
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

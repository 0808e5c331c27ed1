import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, RiskLevel } from '../../../src-shared/contract';

const STATUS_COLORS: Record<CaseStatus, string> = { intake: 'blue', active: 'green', on_hold: 'gold', closed: 'default', archived: 'default' };
const RISK_COLORS: Record<RiskLevel, string> = { none: 'default', low: 'blue', moderate: 'orange', high: 'red' };

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`cases.status.${status}`)}</Tag>;
}

export function RiskTag({ risk }: { risk: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={RISK_COLORS[risk]} style={{ fontWeight: risk === 'high' ? 600 : undefined }}>
      {t(`cases.risk.${risk}`)}
    </Tag>
  );
}

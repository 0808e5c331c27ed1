import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NoteSummary } from '../../../src-shared/contract';
import { callKey } from '../../api/queries';
import { textOr } from '../../i18n/keys';

const STATUS_COLOR: Record<NoteSummary['status'], string> = { draft: 'default', awaiting_cosign: 'gold', signed: 'green', unlocked: 'purple' };
const RISK_COLOR: Record<string, string> = { none: 'default', low: 'blue', moderate: 'orange', high: 'red' };

/** Stored in UTC, shown in the workstation's zone. */
export function NoteStatusTags({ note }: { note: Pick<NoteSummary, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATUS_COLOR[note.status]}>{t(`notes.status.${note.status}`)}</Tag>
      {note.overdue ? <Tag color="red">{t('notes.overdue')}</Tag> : null}
    </>
  );
}

export function RiskTag({ level }: { level: string }) {
  const { t } = useTranslation();
  return <Tag color={RISK_COLOR[level] ?? 'default'}>{textOr(`notes.riskLevels.${level}`, level, t)}</Tag>;
}

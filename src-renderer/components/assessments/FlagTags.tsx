import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertLevel } from '../../../src-shared/instruments';
import { flagExplanation, flagLabel, LEVEL_COLORS } from './labels';

export function LevelTag({ level }: { level: AlertLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 0, fontWeight: level === 'CRITICAL' ? 600 : undefined }}>
      {t(`assessments.levels.${level}`)}
    </Tag>
  );
}

export interface FlagLike {
  code: string;
  level: AlertLevel;
  item?: number;
}

/** One flag: coloured by level, the translated code, the explanation on hover. */
export function FlagTag({ flag }: { flag: FlagLike }) {
  const { t } = useTranslation();
  const explanation = flagExplanation(t, flag);
  const tag = (
    <Tag color={LEVEL_COLORS[flag.level]} data-flag={flag.code} style={{ marginInlineEnd: 4, marginBlock: 2 }}>
      {t(`assessments.levels.${flag.level}`)} · {flagLabel(t, flag)}
    </Tag>
  );
  return explanation ? <Tooltip title={explanation}>{tag}</Tooltip> : tag;
}

export function FlagTags({ flags }: { flags: FlagLike[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('assessments.list.noFlags')}</span>;
  return (
    <span>
      {flags.map((flag, index) => (
        <FlagTag key={`${flag.code}-${index}`} flag={flag} />
      ))}
    </span>
  );
}

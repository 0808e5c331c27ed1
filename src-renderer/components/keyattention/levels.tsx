import { Tag } from 'antd';
import { DEFAULT_CRISIS_LEVELS, type CrisisLevel } from '../../../src-shared/contract/crisis';
import { useTranslation } from 'react-i18next';
import { levelLabel } from '../../../src-shared/labels/builtin-words';
import { useCallQuery } from '../../api/queries';

/**
 * The school's level scheme (highest first); the default scheme (red/orange/gold) until, or unless,
 * the core answers. Unchanged built-in labels read in English in English mode.
 */
export function useLevelScheme(): CrisisLevel[] {
  const { i18n } = useTranslation();
  const query = useCallQuery('crisis.levels', {});
  const levels = query.data && query.data.length ? query.data : DEFAULT_CRISIS_LEVELS;
  return levels.map((level) => ({ ...level, label: levelLabel(level, i18n.language) }));
}

export function findLevel(levels: readonly CrisisLevel[], key: string): CrisisLevel {
  return (
    levels.find((level) => level.key === key) ??
    DEFAULT_CRISIS_LEVELS.find((level) => level.key === key) ?? { key, label: key, color: 'default', cadenceDays: 30 }
  );
}

/** A key-attention level in the scheme's colour. */
export function LevelTag({ level, levels }: { level: string; levels?: readonly CrisisLevel[] }) {
  const scheme = useLevelScheme();
  const found = findLevel(levels ?? scheme, level);
  return (
    <Tag color={found.color} data-testid="ka-level-tag" data-level={found.key}>
      {found.label}
    </Tag>
  );
}

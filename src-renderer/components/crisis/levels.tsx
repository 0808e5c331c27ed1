import { Tag } from 'antd';
import type { CrisisLevel } from '../../../src-shared/contract/crisis';
import { DEFAULT_CRISIS_LEVELS } from '../../../src-shared/contract/crisis';
import { useTranslation } from 'react-i18next';
import { levelLabel } from '../../../src-shared/labels/builtin-words';
import { useCallQuery } from '../../api/queries';

/**
 * The school's level scheme (highest first); the default until the core answers. Built-in labels
 * (一级/二级/三级, unchanged) read in English in English mode; a school's own labels stay as entered.
 */
export function useCrisisLevels(): CrisisLevel[] {
  const { i18n } = useTranslation();
  const levels = useCallQuery('crisis.levels', {}).data ?? DEFAULT_CRISIS_LEVELS;
  return levels.map((level) => ({ ...level, label: levelLabel(level, i18n.language) }));
}

export function levelOf(levels: readonly CrisisLevel[], key: string): CrisisLevel {
  return levels.find((level) => level.key === key) ?? { key, label: key, color: 'default', cadenceDays: 30 };
}

/** A level in the scheme's own colour and label. */
export function CrisisLevelTag({ level }: { level: string }) {
  const found = levelOf(useCrisisLevels(), level);
  return (
    <Tag color={found.color} data-testid="crisis-level-tag">
      {found.label}
    </Tag>
  );
}

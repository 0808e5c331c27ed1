import { Tag } from 'antd';
import type { CrisisLevel } from '../../../src-shared/contract/crisis';
import { DEFAULT_CRISIS_LEVELS } from '../../../src-shared/contract/crisis';
import { useCallQuery } from '../../api/queries';

/** The school's level scheme (highest first); the default until the core answers. */
export function useCrisisLevels(): CrisisLevel[] {
  return useCallQuery('crisis.levels', {}).data ?? DEFAULT_CRISIS_LEVELS;
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

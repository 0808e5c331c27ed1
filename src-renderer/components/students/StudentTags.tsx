import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Student, TimelineEntry } from '../../../src-shared/contract';
import './students.css';
import type { TFunction } from 'i18next';

const STATUS_COLORS: Record<Student['status'], string> = {
  enrolled: 'green',
  leave: 'orange',
  suspended: 'red',
  graduated: 'default',
};

/** 在读 / 休学 / 停学 / 毕业. */
export function StatusTag({ status }: { status: Student['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`students.statuses.${status}`)}</Tag>;
}

export const LEVEL_COLORS: Record<NonNullable<TimelineEntry['level']>, string> = {
  CRITICAL: 'red',
  URGENT: 'orange',
  HIGH: 'gold',
  REVIEW: 'blue',
};

/** An alert level: CRITICAL red, URGENT orange, HIGH gold, REVIEW blue. */
export function LevelTag({ level }: { level: NonNullable<TimelineEntry['level']> }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLORS[level]}>{t(`students.levels.${level}`)}</Tag>;
}

/** 男 / 女 / 其他, or nothing. */
export function genderLabel(gender: Student['gender'], t: TFunction): string {
  return gender ? t(`students.genders.${gender}`) : '';
}

import { DatePicker, Flex, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { StatisticsPeriod } from '../../../src-shared/contract/statistics';
import { semesterUnderWay } from '../../../src-shared/calendar/opening-period';

/** The period a page opens on: the semester under way. */
export function currentSemester(schoolYear: number, today = dayjs()): StatisticsPeriod {
  return semesterUnderWay(schoolYear, today.month() + 1);
}

/** 月 / 学期 / 学年, each with its own picker; school years are offered from five years back. */
export function PeriodPicker({
  value,
  onChange,
  currentSchoolYear,
}: {
  value: StatisticsPeriod;
  onChange: (period: StatisticsPeriod) => void;
  currentSchoolYear: number;
}) {
  const { t } = useTranslation();
  const years = Array.from({ length: 6 }, (_, i) => currentSchoolYear - i).map((y) => ({
    value: y,
    label: t('statistics.period.schoolYearOption', { from: y, to: y + 1 }),
  }));
  const schoolYear = value.kind === 'month' ? (value.month >= 9 ? value.year : value.year - 1) : value.schoolYear;
  const switchKind = (kind: StatisticsPeriod['kind']) => {
    if (kind === value.kind) return;
    if (kind === 'month') {
      const today = dayjs();
      onChange({ kind: 'month', year: today.year(), month: today.month() + 1 });
    } else if (kind === 'semester') onChange(currentSemester(schoolYear));
    else onChange({ kind: 'schoolYear', schoolYear });
  };
  return (
    <Flex gap={8} align="center" wrap>
      <span>{t('statistics.period.label')}</span>
      <Segmented
        aria-label={t('statistics.period.label')}
        value={value.kind}
        onChange={(kind) => switchKind(kind as StatisticsPeriod['kind'])}
        options={(['month', 'semester', 'schoolYear'] as const).map((kind) => ({ value: kind, label: t(`statistics.period.${kind}`) }))}
      />
      {value.kind === 'month' ? (
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('statistics.period.monthPlaceholder')}
          placeholder={t('statistics.period.monthPlaceholder')}
          value={dayjs(`${value.year}-${String(value.month).padStart(2, '0')}-01`)}
          onChange={(date) => date && onChange({ kind: 'month', year: date.year(), month: date.month() + 1 })}
        />
      ) : (
        <Select
          aria-label={t('statistics.period.schoolYear')}
          style={{ width: 170 }}
          value={value.schoolYear}
          options={years}
          onChange={(y: number) => onChange(value.kind === 'semester' ? { ...value, schoolYear: y } : { kind: 'schoolYear', schoolYear: y })}
        />
      )}
      {value.kind === 'semester' ? (
        <Select
          aria-label={t('statistics.period.semester')}
          style={{ width: 120 }}
          value={value.term}
          options={(['autumn', 'spring'] as const).map((term) => ({ value: term, label: t(`statistics.period.${term}`) }))}
          onChange={(term: 'autumn' | 'spring') => onChange({ ...value, term })}
        />
      ) : null}
    </Flex>
  );
}

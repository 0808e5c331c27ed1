import { Button, DatePicker, Flex, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_CATEGORIES, type AuditCategory } from '../../../src-shared/contract/auditlog';
import { CLINICAL, type Role } from '../../../src-shared/permissions';
import { useCallQuery } from '../../api/queries';
import { useSession } from '../../session';

/** The filter as the screen holds it: local calendar days for the range. */
export interface AuditFilterState {
  actorId?: string;
  student?: { id: string; label: string };
  categories: AuditCategory[];
  fromDay?: Dayjs | null;
  toDay?: Dayjs | null;
}

/** Local days to instants: from the start of the first day to the start of the day after the last. */
export function toChannelFilter(state: AuditFilterState) {
  return {
    ...(state.actorId ? { actorId: state.actorId } : {}),
    ...(state.student ? { studentId: state.student.id } : {}),
    ...(state.categories.length ? { categories: state.categories } : {}),
    ...(state.fromDay ? { from: state.fromDay.startOf('day').toISOString() } : {}),
    ...(state.toDay ? { to: state.toDay.add(1, 'day').startOf('day').toISOString() } : {}),
  };
}

function StudentFilter({ value, onChange }: { value?: AuditFilterState['student']; onChange: (value: AuditFilterState['student']) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const found = useCallQuery('auditlog.students', { query }, { enabled: query.trim().length > 0 });
  const options = [
    ...(value ? [{ value: value.id, label: value.label }] : []),
    ...(found.data ?? [])
      .filter((s) => s.id !== value?.id)
      .map((s) => ({ value: s.id, label: `${s.name}（${s.studentNo}）${s.department ? ` · ${s.department}` : ''}` })),
  ];
  return (
    <Select
      allowClear
      style={{ width: 260 }}
      value={value?.id}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={found.isFetching}
      placeholder={t('auditlog.filters.studentPlaceholder')}
      aria-label={t('auditlog.filters.student')}
      options={options}
      notFoundContent={null}
      onChange={(id: string | undefined) => {
        const picked = options.find((o) => o.value === id);
        onChange(picked ? { id: picked.value, label: picked.label } : undefined);
      }}
    />
  );
}

/** Only clinical roles may filter the log by student (the core refuses the others; issue 15, finding 10). */
export function useSeesClinicalRecords(): boolean {
  return useSession().session.roles.some((role) => (CLINICAL as readonly Role[]).includes(role));
}

/** Person, student (clinical roles only), action type and days: each change applies at once. */
export function AuditFilters({ value, onChange }: { value: AuditFilterState; onChange: (next: AuditFilterState) => void }) {
  const { t } = useTranslation();
  const clinical = useSeesClinicalRecords();
  const actors = useCallQuery('auditlog.actors', {});
  const set = (patch: Partial<AuditFilterState>) => onChange({ ...value, ...patch });
  return (
    <Flex gap={8} wrap align="center">
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 180 }}
        value={value.actorId}
        placeholder={t('auditlog.filters.personPlaceholder')}
        aria-label={t('auditlog.filters.person')}
        loading={actors.isPending}
        options={(actors.data ?? []).map((a) => ({ value: a.id, label: `${a.displayName}${a.disabled ? t('auditlog.filters.disabled') : ''}` }))}
        onChange={(actorId: string | undefined) => set({ actorId })}
      />
      {clinical ? <StudentFilter value={value.student} onChange={(student) => set({ student })} /> : null}
      <Select
        mode="multiple"
        allowClear
        style={{ minWidth: 200 }}
        maxTagCount="responsive"
        value={value.categories}
        placeholder={t('auditlog.filters.categoryPlaceholder')}
        aria-label={t('auditlog.filters.category')}
        options={AUDIT_CATEGORIES.map((c) => ({ value: c, label: t(`auditlog.categories.${c}`) }))}
        onChange={(categories: AuditCategory[]) => set({ categories })}
      />
      <DatePicker
        value={value.fromDay ?? null}
        onChange={(fromDay) => set({ fromDay })}
        placeholder={t('auditlog.filters.from')}
        aria-label={t('auditlog.filters.from')}
      />
      <DatePicker
        value={value.toDay ?? null}
        onChange={(toDay) => set({ toDay })}
        placeholder={t('auditlog.filters.to')}
        aria-label={t('auditlog.filters.to')}
      />
      <Button onClick={() => onChange({ categories: [] })}>{t('auditlog.filters.reset')}</Button>
    </Flex>
  );
}

import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';

/** Finds a student by 学号, name or pinyin as the user types (students.search). */
export function StudentPicker({
  value,
  onChange,
  fixed,
  id,
}: {
  value?: string;
  onChange?: (value: string) => void;
  /** A student chosen by the page (a case's student): shown, not changeable. */
  fixed?: { id: string; label: string };
  id?: string;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const search = useCallQuery('students.search', { query, limit: 20 }, { enabled: !fixed && query.trim().length > 0 });
  const options = fixed
    ? [{ value: fixed.id, label: fixed.label }]
    : (search.data?.rows ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.studentNo}）${s.department ? ` · ${s.department}` : ''}` }));
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      disabled={Boolean(fixed)}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={search.isFetching}
      placeholder={t('calendar.fields.studentPlaceholder')}
      options={options}
      notFoundContent={null}
      aria-label={t('calendar.fields.student')}
    />
  );
}

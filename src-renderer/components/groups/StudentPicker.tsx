import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';

/** Choose students through the student search (学号, name or pinyin); ids of `exclude` are not offered. */
export function StudentPicker({
  value,
  onChange,
  exclude,
  disabled,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  exclude: readonly string[];
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const search = useCallQuery('students.search', { query, limit: 20 }, { enabled: query.trim().length > 0 });
  const found = (search.data?.rows ?? []).filter((s) => !exclude.includes(s.id));
  const options = found.map((s) => ({ value: s.id, label: `${s.name}（${s.studentNo}）${s.department ? ` ${s.department}` : ''}` }));
  // Chosen students keep their label after the search text changes.
  for (const id of value) if (!options.some((o) => o.value === id)) options.push({ value: id, label: labels[id] ?? id });
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
      aria-label={t('groups.view.studentSearch')}
      placeholder={t('groups.view.studentSearch')}
      style={{ minWidth: 320, flex: 1 }}
      value={value}
      disabled={disabled}
      loading={search.isFetching}
      notFoundContent={null}
      options={options}
      onChange={(ids: string[]) => {
        setLabels((current) => ({ ...current, ...Object.fromEntries(options.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
        onChange(ids);
        setQuery('');
      }}
    />
  );
}

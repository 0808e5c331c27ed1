import { ClassNetworkLine } from '../components/network/ClassNetworkLine';
import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, STUDENT_STATUSES, type Student } from '../../src-shared/contract';
import { useCallQuery } from '../api/queries';
import { StudentFormModal } from '../components/students/StudentFormModal';
import { StudentGrid, type StudentFilters } from '../components/students/StudentGrid';
import type { Navigate } from '../router';
import { useCan } from '../session';

const SEARCH_DEBOUNCE_MS = 250;

/** The list's filters, in the order the search bar shows them (choices: the facets, or the fixed statuses). */
const FILTERS = [
  { field: 'department', width: 180, searchable: true },
  { field: 'grade', width: 130, searchable: false },
  { field: 'className', width: 150, searchable: true },
  { field: 'status', width: 120, searchable: false },
] as const;
type FilterField = (typeof FILTERS)[number]['field'];

interface ListState {
  query: string;
  department?: string;
  grade?: string;
  className?: string;
  status?: Student['status'];
  scrollOffset: number;
}

/**
 * The list's search, filters and scroll position, kept while the user looks at a file and comes
 * back. They live in the query cache, which is cleared when the workstation locks, so the next
 * person does not see what was searched.
 */
const LIST_STATE_KEY = ['ui', 'students.list'] as const;

function useListState(): [ListState, (patch: Partial<ListState>) => void, (scrollOffset: number) => void] {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ListState>(() => queryClient.getQueryData<ListState>(LIST_STATE_KEY) ?? { query: '', scrollOffset: 0 });
  const scrollOffset = useRef(state.scrollOffset);
  const update = useCallback(
    (patch: Partial<ListState>) =>
      setState((current) => {
        const next = { ...current, ...patch, scrollOffset: scrollOffset.current };
        queryClient.setQueryData(LIST_STATE_KEY, next);
        return next;
      }),
    [queryClient],
  );
  // The scroll position is remembered without re-rendering the page on every scroll frame.
  const rememberScroll = useCallback(
    (offset: number) => {
      scrollOffset.current = offset;
      queryClient.setQueryData<ListState>(LIST_STATE_KEY, (current) => ({ ...(current ?? { query: '' }), scrollOffset: offset }));
    },
    [queryClient],
  );
  return [state, update, rememberScroll];
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** 学生档案: search by 学号 prefix, name or pinyin, filter, scroll through any number of students. */
export function Students({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canWrite = useCan(channels['students.create'].permission);
  const canImport = useCan(channels['roster.import'].permission);
  const facets = useCallQuery('students.facets', {});
  const [state, update, rememberScroll] = useListState();
  const [initialOffset] = useState(state.scrollOffset);
  const [adding, setAdding] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const query = useDebounced(state.query.trim(), SEARCH_DEBOUNCE_MS);

  const filters = useMemo<StudentFilters>(() => {
    const value: StudentFilters = { query };
    if (state.department) value.department = state.department;
    if (state.grade) value.grade = state.grade;
    if (state.className) value.className = state.className;
    if (state.status) value.status = state.status;
    return value;
  }, [query, state.department, state.grade, state.className, state.status]);
  const filtered = Boolean(state.department || state.grade || state.className || state.status);

  const options = (values: string[] | undefined) => (values ?? []).map((value) => ({ value, label: value }));
  const choices: Record<FilterField, { value: string; label: string }[]> = {
    department: options(facets.data?.departments),
    grade: options(facets.data?.grades),
    className: options(facets.data?.classes),
    status: STUDENT_STATUSES.map((status) => ({ value: status, label: t(`students.statuses.${status}`) })),
  };

  return (
    <Card
      title={t('students.title')}
      extra={
        <Space>
          {canImport ? (
            <Button icon={<ImportOutlined />} onClick={() => onNavigate('roster')}>
              {t('students.importRoster')}
            </Button>
          ) : null}
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('students.add')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Flex gap={8} wrap role="search" aria-label={t('students.search.label')}>
          <Input
            allowClear
            autoFocus
            prefix={<SearchOutlined aria-hidden />}
            aria-label={t('students.search.label')}
            placeholder={t('students.search.placeholder')}
            value={state.query}
            maxLength={64}
            spellCheck={false}
            style={{ flex: '1 1 260px', maxWidth: 360 }}
            onChange={(event) => update({ query: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                gridRef.current?.focus();
              }
            }}
          />
          {FILTERS.map(({ field, width, searchable }) => (
            <Select
              key={field}
              allowClear
              showSearch={searchable ? { optionFilterProp: 'label' } : undefined}
              aria-label={t(`students.fields.${field}`)}
              placeholder={t(`students.filters.${field}`)}
              value={state[field]}
              options={choices[field]}
              onChange={(value?: string) => update({ [field]: value } as Partial<ListState>)}
              style={{ width }}
            />
          ))}
          {filtered ? (
            <Button type="link" onClick={() => update({ department: undefined, grade: undefined, className: undefined, status: undefined })}>
              {t('students.filters.clear')}
            </Button>
          ) : null}
        </Flex>
        {state.className ? <ClassNetworkLine className={state.className} department={state.department} grade={state.grade} /> : null}
        <StudentGrid
          filters={filters}
          initialOffset={initialOffset}
          onScrollOffset={rememberScroll}
          keyboardRef={gridRef}
          onOpen={(student) => onNavigate('student', student.id)}
        />
      </Flex>
      {adding ? (
        <StudentFormModal
          onClose={() => setAdding(false)}
          onSaved={(student) => {
            setAdding(false);
            onNavigate('student', student.id);
          }}
        />
      ) : null}
    </Card>
  );
}

import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Empty, Flex, Spin, Typography } from 'antd';
import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, STUDENT_STATUSES, type ChannelInput, type StudentListItem } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { callKey } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { RiskElsewhere } from '../../../src-shared/contract/sync';
import { RiskElsewhereInResults, RiskElsewhereTag, useRiskElsewhere } from '../sync/RiskElsewhere';
import './students.css';

/** Rows per `students.search` call; a screen shows about 12, so one or two pages are in view. */
export const PAGE_SIZE = 100;
export const ROW_HEIGHT = 40;

export type StudentFilters = Omit<ChannelInput<'students.search'>, 'offset' | 'limit'>;

const COLUMNS = ['studentNo', 'name', 'gender', 'department', 'grade', 'className', 'status'] as const;

/** A page of the list: cached for half a minute, so scrolling back does not ask again; saves invalidate it. */
function pageQuery(filters: StudentFilters, page: number) {
  const input = { ...filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
  return { queryKey: callKey('students.search', input), queryFn: () => call('students.search', input), staleTime: 30_000 };
}

function pagesBetween(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function Cell({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <div role="gridcell" className="student-grid-cell" title={title}>
      {children}
    </div>
  );
}

/** Translated once per language, not once per row and scroll frame (i18next's `t` is not free). */
interface RowLabels {
  genders: Record<NonNullable<StudentListItem['gender']>, string>;
  statuses: Record<StudentListItem['status'], string>;
  loading: string;
}

function useRowLabels(): RowLabels {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      genders: Object.fromEntries(GENDERS.map((g) => [g, t(`students.genders.${g}`)])) as RowLabels['genders'],
      statuses: Object.fromEntries(STUDENT_STATUSES.map((s) => [s, t(`students.statuses.${s}`)])) as RowLabels['statuses'],
      loading: t('students.list.loadingRow'),
    }),
    // The labels are read again when the language changes, whether or not `t` is a new function then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
  );
}

/** One row; memoised, so scrolling renders only the rows that come into view. */
const GridRow = memo(function GridRow({
  id,
  index,
  start,
  row,
  active,
  onActivate,
  onOpen,
  labels,
  risk,
}: {
  labels: RowLabels;
  /** At risk on another workstation (the school server's risk digest). */
  risk?: readonly RiskElsewhere[];
  id: string;
  index: number;
  start: number;
  row: StudentListItem | undefined;
  active: boolean;
  onActivate: (index: number) => void;
  onOpen: { current: (student: StudentListItem) => void };
}) {
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      aria-busy={!row}
      className={`student-grid-row student-grid-body-row${active ? ' is-active' : ''}${row ? '' : ' is-loading'}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      onClick={() => {
        onActivate(index);
        if (row) onOpen.current(row);
      }}
    >
      {row ? (
        <>
          <Cell>
            <span className="student-grid-no">{row.studentNo}</span>
          </Cell>
          <Cell title={row.name}>
            {row.name} {risk?.length ? <RiskElsewhereTag entries={risk} /> : null}
          </Cell>
          <Cell>{row.gender ? labels.genders[row.gender] : ''}</Cell>
          <Cell title={row.department ?? undefined}>{row.department}</Cell>
          <Cell title={row.grade ?? undefined}>{row.grade}</Cell>
          <Cell title={row.className ?? undefined}>{row.className}</Cell>
          <Cell>
            <span className={`student-grid-status is-${row.status}`}>{labels.statuses[row.status]}</span>
          </Cell>
        </>
      ) : (
        <Cell>
          <span className="student-grid-loading">{labels.loading}</span>
        </Cell>
      )}
    </div>
  );
});

/**
 * The student list: a virtualized grid (only the rows in view are in the page) that asks for
 * the pages of 100 it shows, by offset, so it stays smooth with 100,000 students. Keyboard: the
 * grid is one tab stop; ↑ ↓ PgUp PgDn Home End move the selection, Enter opens the file.
 */
export function StudentGrid({
  filters,
  onOpen,
  initialOffset = 0,
  onScrollOffset,
  keyboardRef,
}: {
  filters: StudentFilters;
  onOpen: (student: StudentListItem) => void;
  initialOffset?: number;
  onScrollOffset?: (offset: number) => void;
  /** Lets the search box hand the focus to the grid (↓ in the search box). */
  keyboardRef?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const labels = useRowLabels();
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  // The first page also carries the total; while new filters load, the old list stays in place.
  const head = useQuery({ ...pageQuery(filters, 0), placeholderData: keepPreviousData });
  const total = head.data?.total ?? 0;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialOffset,
    // Render in React's own rhythm rather than synchronously inside every scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const pageNumbers = items.length > 0 ? pagesBetween(Math.floor(items[0].index / PAGE_SIZE), Math.floor(items[items.length - 1].index / PAGE_SIZE)) : [];
  const pages = useQueries({ queries: pageNumbers.map((page) => pageQuery(filters, page)) });
  const rowAt = (index: number): StudentListItem | undefined => {
    const at = pageNumbers.indexOf(Math.floor(index / PAGE_SIZE));
    return at >= 0 ? pages[at].data?.rows[index % PAGE_SIZE] : undefined;
  };
  const pageError = pages.find((page) => page.isError)?.error;
  // The rows loaded for view: who among them is at risk on another workstation.
  const shownNos = [head.data, ...pages.map((page) => page.data)].flatMap((page) => page?.rows.map((r) => r.studentNo) ?? []);
  const risk = useRiskElsewhere(shownNos);
  const riskByNo = useMemo(() => {
    const map = new Map<string, RiskElsewhere[]>();
    for (const e of risk.data?.entries ?? []) map.set(e.studentNo.toUpperCase(), [...(map.get(e.studentNo.toUpperCase()) ?? []), e]);
    return map;
  }, [risk.data]);
  const riskOf = (row: StudentListItem | undefined) => (row ? riskByNo.get(row.studentNo.toUpperCase()) : undefined);

  // New search or filters: back to the top, nothing selected.
  const filterKey = JSON.stringify(filters);
  const shownKey = useRef(filterKey);
  useEffect(() => {
    if (shownKey.current === filterKey) return;
    shownKey.current = filterKey;
    setActive(-1);
    virtualizer.scrollToOffset(0);
  }, [filterKey, virtualizer]);

  const scrollOffset = virtualizer.scrollOffset ?? 0;
  useEffect(() => {
    onScrollOffset?.(scrollOffset);
  }, [scrollOffset, onScrollOffset]);

  const visibleRows = Math.max(1, Math.floor((virtualizer.scrollRect?.height ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
  const moveTo = (index: number) => {
    const next = Math.min(Math.max(index, 0), total - 1);
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return;
    const firstInView = Math.min(total - 1, Math.ceil(scrollOffset / ROW_HEIGHT));
    const from = active >= 0 ? active : firstInView - 1;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(from + 1);
        break;
      case 'ArrowUp':
        moveTo(active >= 0 ? active - 1 : firstInView);
        break;
      case 'PageDown':
        moveTo(from + visibleRows);
        break;
      case 'PageUp':
        moveTo((active >= 0 ? active : firstInView) - visibleRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case 'Enter':
      case ' ': {
        const row = active >= 0 ? rowAt(active) : undefined;
        if (!row) return;
        onOpen(row);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const activeRendered = active >= 0 && items.some((item) => item.index === active);
  const rowId = (index: number) => `${idPrefix}-row-${index}`;
  const loading = head.isPending || head.isPlaceholderData;

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" aria-live="polite" data-testid="student-total">
          {head.data ? t('students.list.total', { total: total.toLocaleString() }) : '\u00a0'}
          {loading ? <Spin size="small" style={{ marginLeft: 8 }} /> : null}
        </Typography.Text>
        <Typography.Text type="secondary" className="student-grid-hint">
          {t('students.list.keyboardHint')}
        </Typography.Text>
      </Flex>
      {head.isError || pageError ? <Alert type="error" showIcon title={errorMessage(head.error ?? pageError, t)} /> : null}
      <RiskElsewhereInResults studentNos={shownNos} />
      <div
        ref={keyboardRef}
        role="grid"
        aria-label={t('students.list.label')}
        aria-rowcount={total + 1}
        aria-colcount={COLUMNS.length}
        aria-busy={loading}
        aria-activedescendant={activeRendered ? rowId(active) : undefined}
        tabIndex={0}
        className="student-grid"
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (active < 0 && total > 0) setActive(Math.min(total - 1, Math.ceil(scrollOffset / ROW_HEIGHT)));
        }}
      >
        <div role="rowgroup" className="student-grid-head">
          <div role="row" aria-rowindex={1} className="student-grid-row">
            {COLUMNS.map((column) => (
              <div role="columnheader" key={column} className="student-grid-cell">
                {t(`students.fields.${column}`)}
              </div>
            ))}
          </div>
        </div>
        <div ref={scrollRef} className="student-grid-scroller" data-testid="student-grid-scroller">
          {total === 0 && head.isSuccess && !loading ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={Object.values(filters).some((v) => v) ? t('students.list.empty') : t('students.list.emptyStore')}
            />
          ) : null}
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => (
              <GridRow
                key={item.key}
                id={rowId(item.index)}
                index={item.index}
                start={item.start}
                row={rowAt(item.index)}
                active={item.index === active}
                onActivate={setActive}
                onOpen={openRef}
                labels={labels}
                risk={riskOf(rowAt(item.index))}
              />
            ))}
          </div>
        </div>
      </div>
    </Flex>
  );
}

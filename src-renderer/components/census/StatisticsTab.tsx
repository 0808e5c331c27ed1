import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../src-shared/contract';
import { call, type CallError } from '../../api/client';
import { callKey } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { barOption, CensusChart } from './CensusChart';
import { saveBase64File, XLSX_TYPE } from '../../files/importFile';
import { departmentLabel, instrumentShort, percent, upiCategoryLabel, upiCategoryName, type CensusBatch, type CensusStatistics } from './labels';
import { isTextKey } from '../../i18n/keys';

type Result = ChannelOutput<'census.statistics'>;

const CURRENT_COLOR = '#2f6f8f';
const PREVIOUS_COLOR = '#a9bfcc';

/** A pair of figures: this batch and (when compared) the other one. */
interface Pair {
  cur?: number | null;
  prev?: number | null;
}

/**
 * Columns for a value shown for this batch and, side by side, for the compared batch: a column
 * group per batch when comparing, plain columns otherwise.
 */
function sideBySide<T>(t: TFunction, comparing: boolean, make: (which: 'cur' | 'prev') => ColumnType<T>[]): ColumnsType<T> {
  if (!comparing) return make('cur');
  return [
    { title: t('census.statistics.current'), children: make('cur') },
    { title: t('census.statistics.previous'), children: make('prev') },
  ];
}

const num = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value);

function byKey<R extends { key: string | null }>(rows: R[] | undefined): Map<string | null, R> {
  return new Map((rows ?? []).map((r) => [r.key, r]));
}

function factorLabel(factor: string, labelZh: string, t: TFunction): string {
  const key = `census.factors.${factor}`;
  return isTextKey(key) ? t(key) : labelZh;
}

/** 一类/二类/三类 from the one label source, with the statistics page's short explanation when it has one. */
function categoryLabel(key: string | null, t: TFunction): string {
  const hint = `census.statistics.categoryHint.${key ?? 'none'}`;
  const words = upiCategoryLabel(key, t);
  return isTextKey(hint) ? `${words}${t(hint)}` : words;
}

function screenedFor(stats: CensusStatistics | null | undefined, instrument: string): number {
  return stats?.positiveRates.find((r) => r.instrument === instrument)?.screened ?? 0;
}

function Participation({ current, previous }: { current: CensusStatistics; previous: CensusStatistics | null }) {
  const { t } = useTranslation();
  type R = { key: string; department: string | null; roster: Pair; screened: Pair };
  const prev = new Map((previous?.participation ?? []).map((p) => [p.department, p]));
  const departments = [...new Set([...current.participation.map((p) => p.department), ...(previous?.participation ?? []).map((p) => p.department)])];
  const cur = new Map(current.participation.map((p) => [p.department, p]));
  const rows: R[] = departments.map((department) => ({
    key: String(department),
    department,
    roster: { cur: cur.get(department)?.roster ?? null, prev: prev.get(department)?.roster ?? null },
    screened: { cur: cur.get(department)?.screened ?? 0, prev: prev.get(department)?.screened ?? 0 },
  }));
  const noRoster = current.participation.every((p) => p.roster === null);
  const columns: ColumnsType<R> = [
    { title: t('census.statistics.columns.department'), key: 'department', render: (_, r) => departmentLabel(r.department, t) },
    ...sideBySide<R>(t, previous !== null, (which) => [
      { title: t('census.statistics.columns.roster'), key: `roster-${which}`, align: 'right', render: (_, r) => num(r.roster[which]) },
      { title: t('census.statistics.columns.screened'), key: `screened-${which}`, align: 'right', render: (_, r) => num(r.screened[which]) },
      { title: t('census.statistics.columns.rate'), key: `rate-${which}`, align: 'right', render: (_, r) => percent(r.screened[which] ?? 0, r.roster[which]) },
    ]),
  ];
  return (
    <Card size="small" title={t('census.statistics.participation')} style={{ marginBottom: 16 }}>
      {noRoster ? <Typography.Paragraph type="secondary">{t('census.statistics.noRoster')}</Typography.Paragraph> : null}
      <Table<R> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} locale={{ emptyText: t('census.statistics.noData') }} />
    </Card>
  );
}

function PositiveRates({ current, previous }: { current: CensusStatistics; previous: CensusStatistics | null }) {
  const { t } = useTranslation();
  type R = { key: string; screened: Pair; positive: Pair };
  const prev = new Map((previous?.positiveRates ?? []).map((p) => [p.instrument, p]));
  const rows: R[] = current.positiveRates.map((r) => ({
    key: r.instrument,
    screened: { cur: r.screened, prev: prev.get(r.instrument)?.screened ?? null },
    positive: { cur: r.positive, prev: prev.get(r.instrument)?.positive ?? null },
  }));
  const columns: ColumnsType<R> = [
    {
      title: t('census.statistics.columns.instrument'),
      key: 'instrument',
      render: (_, r) => (r.key === 'upi' ? upiCategoryName(1, t) : instrumentShort(r.key)),
    },
    ...sideBySide<R>(t, previous !== null, (which) => [
      { title: t('census.statistics.columns.screened'), key: `s-${which}`, align: 'right', render: (_, r) => num(r.screened[which]) },
      { title: t('census.statistics.columns.positive'), key: `p-${which}`, align: 'right', render: (_, r) => num(r.positive[which]) },
      {
        title: t('census.statistics.columns.positiveRate'),
        key: `r-${which}`,
        align: 'right',
        render: (_, r) => percent(r.positive[which] ?? 0, r.screened[which]),
      },
    ]),
  ];
  return (
    <Card
      size="small"
      title={t('census.statistics.positiveRates')}
      style={{ marginBottom: 16, height: 'calc(100% - 16px)' }}
      data-testid="census-positive-rates"
    >
      <Table<R> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} locale={{ emptyText: t('census.statistics.noData') }} />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
        {t('census.statistics.positiveRatesNote')}
      </Typography.Paragraph>
    </Card>
  );
}

function UpiCategories({ current, previous }: { current: CensusStatistics; previous: CensusStatistics | null }) {
  const { t } = useTranslation();
  type R = { key: string; category: string | null; count: Pair };
  const cur = byKey(current.upiCategories);
  const prev = byKey(previous?.upiCategories);
  const keys = [...new Set([...cur.keys(), ...prev.keys()])].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const totals = { cur: screenedFor(current, 'upi'), prev: screenedFor(previous, 'upi') };
  const rows: R[] = keys.map((key) => ({ key: String(key), category: key, count: { cur: cur.get(key)?.count ?? 0, prev: prev.get(key)?.count ?? 0 } }));
  const columns: ColumnsType<R> = [
    { title: t('census.statistics.columns.category'), key: 'category', render: (_, r) => categoryLabel(r.category, t) },
    ...sideBySide<R>(t, previous !== null, (which) => [
      { title: t('census.statistics.columns.count'), key: `c-${which}`, align: 'right', render: (_, r) => num(r.count[which]) },
      { title: t('census.statistics.columns.share'), key: `s-${which}`, align: 'right', render: (_, r) => percent(r.count[which] ?? 0, totals[which]) },
    ]),
  ];
  return (
    <Card size="small" title={t('census.statistics.upiCategories')} style={{ marginBottom: 16, height: 'calc(100% - 16px)' }}>
      <Table<R> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} locale={{ emptyText: t('census.statistics.noData') }} />
    </Card>
  );
}

function Scl90Factors({ current, previous }: { current: CensusStatistics; previous: CensusStatistics | null }) {
  const { t } = useTranslation();
  type R = { key: string; label: string; positive: Pair; mean: Pair };
  const prev = new Map((previous?.scl90Factors ?? []).map((f) => [f.factor, f]));
  const totals = { cur: screenedFor(current, 'scl90'), prev: screenedFor(previous, 'scl90') };
  const rows: R[] = current.scl90Factors.map((f) => ({
    key: f.factor,
    label: factorLabel(f.factor, f.labelZh, t),
    positive: { cur: f.positive, prev: prev.get(f.factor)?.positive ?? null },
    mean: { cur: f.meanOfMeans, prev: prev.get(f.factor)?.meanOfMeans ?? null },
  }));
  const columns: ColumnsType<R> = [
    { title: t('census.statistics.columns.factor'), dataIndex: 'label' },
    ...sideBySide<R>(t, previous !== null, (which) => [
      { title: t('census.statistics.columns.factorPositive'), key: `p-${which}`, align: 'right', render: (_, r) => num(r.positive[which]) },
      { title: t('census.statistics.columns.share'), key: `s-${which}`, align: 'right', render: (_, r) => percent(r.positive[which] ?? 0, totals[which]) },
      {
        title: t('census.statistics.columns.meanOfMeans'),
        key: `m-${which}`,
        align: 'right',
        render: (_, r) => (typeof r.mean[which] === 'number' ? r.mean[which]!.toFixed(2) : '—'),
      },
    ]),
  ];
  const option = useMemo(
    () =>
      barOption(
        rows.map((r) => r.label),
        [
          { name: t('census.statistics.current'), data: rows.map((r) => r.positive.cur ?? 0), color: CURRENT_COLOR },
          ...(previous ? [{ name: t('census.statistics.previous'), data: rows.map((r) => r.positive.prev ?? 0), color: PREVIOUS_COLOR }] : []),
        ],
        true,
      ),
    [rows, previous, t],
  );
  if (!current.positiveRates.some((r) => r.instrument === 'scl90')) return null;
  return (
    <Card size="small" title={t('census.statistics.scl90Factors')} style={{ marginBottom: 16 }}>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={previous ? 24 : 14}>
          <Table<R> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} />
        </Col>
        <Col xs={24} xl={previous ? 24 : 10}>
          <CensusChart option={option} label={t('census.statistics.scl90Factors')} height={380} />
        </Col>
      </Row>
    </Card>
  );
}

function Histogram({
  title,
  label,
  current,
  previous,
}: {
  title: string;
  label: string;
  current: { key: string | null; count: number }[];
  previous?: { key: string | null; count: number }[];
}) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const prev = byKey(previous);
    return barOption(
      current.map((c) => String(c.key)),
      [
        { name: t('census.statistics.current'), data: current.map((c) => c.count), color: CURRENT_COLOR },
        ...(previous ? [{ name: t('census.statistics.previous'), data: current.map((c) => prev.get(c.key)?.count ?? 0), color: PREVIOUS_COLOR }] : []),
      ],
    );
  }, [current, previous, t]);
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      <CensusChart option={option} label={label} height={240} />
    </Card>
  );
}

function Interviews({ current, previous }: { current: CensusStatistics; previous: CensusStatistics | null }) {
  const { t } = useTranslation();
  type R = { key: string; label: string; count: Pair };
  const cur = byKey(current.followups.outcomes);
  const prev = byKey(previous?.followups.outcomes);
  const rows: R[] = [
    { key: 'listed', label: t('census.statistics.listed'), count: { cur: current.followups.listed, prev: previous?.followups.listed ?? null } },
    { key: 'done', label: t('census.statistics.interviewed'), count: { cur: current.followups.done, prev: previous?.followups.done ?? null } },
    ...(['cleared', 'watch', 'key_attention', 'crisis'] as const).map((outcome) => ({
      key: outcome,
      label: `· ${t(`census.outcomes.${outcome}`)}`,
      count: { cur: cur.get(outcome)?.count ?? 0, prev: previous ? (prev.get(outcome)?.count ?? 0) : null },
    })),
  ];
  const columns: ColumnsType<R> = [
    { title: t('census.statistics.columns.item'), dataIndex: 'label' },
    { title: t('census.statistics.current'), key: 'cur', align: 'right', render: (_, r) => num(r.count.cur) },
    ...(previous ? [{ title: t('census.statistics.previous'), key: 'prev', align: 'right' as const, render: (_: unknown, r: R) => num(r.count.prev) }] : []),
  ];
  return (
    <Card size="small" title={t('census.statistics.followups')} style={{ marginBottom: 16 }}>
      <Table<R> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} />
    </Card>
  );
}

/** 统计: de-identified figures of the batch, optionally side by side with an earlier batch, and the .xlsx export. */
export function StatisticsTab({ batch, others }: { batch: CensusBatch; others: CensusBatch[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [compareId, setCompareId] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const input: ChannelInput<'census.statistics'> = { batchId: batch.id, ...(compareId ? { compareBatchId: compareId } : {}) };
  const stats = useQuery<Result, CallError>({
    queryKey: callKey('census.statistics', input),
    queryFn: () => call('census.statistics', input),
    placeholderData: keepPreviousData,
  });

  const exportStatistics = async () => {
    setExporting(true);
    try {
      const file = await call('census.exportStatistics', { batchId: batch.id });
      saveBase64File(file.contentBase64, file.fileName, XLSX_TYPE);
      void message.success(t('census.statistics.exported', { name: file.fileName }));
    } catch (failure) {
      void message.error(errorMessage(failure, t));
    } finally {
      setExporting(false);
    }
  };

  const current = stats.data?.current;
  const previous = compareId ? (stats.data?.previous ?? null) : null;
  const compared = others.find((b) => b.id === compareId);

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex align="center" gap={8}>
          <label htmlFor="census-compare">{t('census.statistics.compare')}</label>
          <Select
            id="census-compare"
            style={{ width: 280 }}
            allowClear
            value={compareId}
            onChange={setCompareId}
            options={others.map((b) => ({ value: b.id, label: b.name }))}
            placeholder={t('census.statistics.comparePlaceholder')}
            disabled={others.length === 0}
          />
        </Flex>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportStatistics()}>
          {t('census.statistics.export')}
        </Button>
      </Flex>
      <Alert type="info" showIcon title={t('census.statistics.notice')} style={{ marginBottom: 16 }} />
      <ErrorAlert message={stats.isError ? errorMessage(stats.error, t) : null} />
      {!current ? (
        stats.isPending ? (
          <Card loading variant="borderless" />
        ) : null
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Row gutter={24}>
              {(
                [
                  ['screened', current.screened, previous?.screened],
                  ['listed', current.followups.listed, previous?.followups.listed],
                  ['interviewed', current.followups.done, previous?.followups.done],
                ] as const
              ).map(([key, value, before]) => (
                <Col key={key} span={8}>
                  <Statistic
                    title={t(`census.statistics.${key}`)}
                    value={value}
                    suffix={
                      before !== undefined && compared ? (
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {`${t('census.statistics.previous')}: ${before}`}
                        </Typography.Text>
                      ) : undefined
                    }
                  />
                </Col>
              ))}
            </Row>
          </Card>
          <Participation current={current} previous={previous} />
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <PositiveRates current={current} previous={previous} />
            </Col>
            {batch.instruments.includes('upi') ? (
              <Col xs={24} xl={12}>
                <UpiCategories current={current} previous={previous} />
              </Col>
            ) : null}
          </Row>
          <Scl90Factors current={current} previous={previous} />
          <Typography.Title level={5}>{t('census.statistics.distributions')}</Typography.Title>
          <Row gutter={16}>
            {batch.instruments.includes('scl90') ? (
              <Col xs={24} xl={12}>
                <Histogram
                  title={t('census.statistics.scl90Total')}
                  label={t('census.statistics.chartScl90')}
                  current={current.distributions.scl90Total}
                  previous={previous?.distributions.scl90Total}
                />
              </Col>
            ) : null}
            {batch.instruments.includes('upi') ? (
              <Col xs={24} xl={12}>
                <Histogram
                  title={t('census.statistics.upiTotal')}
                  label={t('census.statistics.chartUpi')}
                  current={current.distributions.upiTotal}
                  previous={previous?.distributions.upiTotal}
                />
              </Col>
            ) : null}
          </Row>
          <Interviews current={current} previous={previous} />
        </>
      )}
    </>
  );
}

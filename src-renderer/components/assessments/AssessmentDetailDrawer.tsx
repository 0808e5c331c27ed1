import { Alert, App, Button, Descriptions, Drawer, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isInstrumentId, SCL90_FACTORS, type InstrumentId } from '../../../src-shared/instruments';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useHashLocation } from '../../router';
import { useCan } from '../../session';
import { useOpenCrisisForFinding } from '../crisis/openFromAlert';
import { assessmentErrorMessage } from './errors';
import { FlagTag } from './FlagTags';
import { answerLabel, assessmentWhen, bandLabel, flagExplanation, instrumentName, itemChoices } from './labels';
import { decimal, optionsSummary } from './optionsSummary';
import type { Answer, AssessmentDetail } from './types';
import { localTime } from '../../../src-shared/labels/local-time';
import { textOr } from '../../i18n/keys';

type Result = Record<string, unknown>;

export function ScreenTag({ value }: { value: AssessmentDetail['screenPositive'] }) {
  const { t } = useTranslation();
  if (value === true) return <Tag color="volcano">{t('assessments.screen.positive')}</Tag>;
  if (value === 'indeterminate') return <Tag color="default">{t('assessments.screen.indeterminate')}</Tag>;
  if (value === false) return <Tag color="green">{t('assessments.screen.negative')}</Tag>;
  return null;
}

function scoreStatus(t: TFunction, result: Result): string {
  const status = String(result.status ?? '');
  return t(`assessments.scoreStatuses.${status}`, { missing: result.missing ?? 0, defaultValue: status });
}

/** The family-specific scores (INSTRUMENTS.md "The scorer's output"). */
function familyItems(t: TFunction, instrument: InstrumentId, result: Result, options: Record<string, unknown>): DescriptionsProps['items'] {
  switch (instrument) {
    case 'scl90':
      return [
        { key: 'gsi', label: t('assessments.detail.scl90.gsi'), children: decimal(result.gsi) },
        { key: 'pst', label: t('assessments.detail.scl90.pst'), children: String(result.pst ?? '–') },
        { key: 'psdi', label: t('assessments.detail.scl90.psdi'), children: decimal(result.psdi) },
      ];
    case 'upi': {
      const category = result.category as number | null;
      const possible = (result.possibleCategories as number[] | undefined) ?? [];
      const keyYes = (result.keyItemsYes as number[] | undefined) ?? [];
      const yesNo = (value: unknown) => (value === true ? t('common.yes') : value === false ? t('common.no') : t('assessments.paper.notRecorded'));
      return [
        {
          key: 'category',
          label: t('assessments.detail.upi.category'),
          children:
            category !== null && category !== undefined
              ? t('assessments.detail.upi.categoryValue', { category })
              : t('assessments.detail.upi.undetermined', {
                  possible: possible.map((c) => t('assessments.detail.upi.categoryValue', { category: c })).join(' / '),
                }),
        },
        { key: 'lieYes', label: t('assessments.detail.upi.lieYes'), children: String(result.lieYes ?? '–') },
        { key: 'keyItemsYes', label: t('assessments.detail.upi.keyItemsYes'), children: keyYes.length ? keyYes.join('、') : t('common.none') },
        { key: 'asks', label: t('assessments.detail.upi.asksForCounseling'), children: yesNo(options.asksForCounseling) },
        {
          key: 'aux',
          label: t('assessments.detail.upi.auxiliaryAffirmative'),
          children: typeof options.auxiliaryAffirmative === 'number' ? String(options.auxiliaryAffirmative) : t('assessments.paper.notRecorded'),
        },
      ];
    }
    case 'cssrs_screen': {
      const triage = String(result.triage ?? 'none');
      return [
        { key: 'triage', label: t('assessments.detail.cssrs.triage'), children: t(`assessments.detail.cssrs.triages.${triage}`, { defaultValue: triage }) },
      ];
    }
    case 'sds':
    case 'sas':
      return [
        { key: 'raw', label: t('assessments.detail.zung.raw'), children: String(result.raw ?? '–') },
        { key: 'standard', label: t('assessments.detail.zung.standard'), children: String(result.standard ?? '–') },
      ];
    case 'k10':
      return [
        { key: 'abs', label: t('assessments.detail.k10.bandAbs'), children: bandLabel(t, 'k10', result.bandAbs as string | null) || '–' },
        { key: 'crufad', label: t('assessments.detail.k10.bandCrufad'), children: bandLabel(t, 'k10', result.bandCrufad as string | null, 'k10Crufad') || '–' },
      ];
    default:
      return [];
  }
}

function Scl90Factors({ result }: { result: Result }) {
  const { t } = useTranslation();
  const factors = (result.factors as Record<string, number | null> | undefined) ?? {};
  const z = (result.zScores as Record<string, number | null> | undefined) ?? {};
  const rows = SCL90_FACTORS.map((factor) => ({ id: factor.id, items: factor.items.length, mean: factors[factor.id] ?? null, z: z[factor.id] ?? null }));
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('assessments.detail.scl90.factor'), dataIndex: 'id', render: (id: string) => textOr(`assessments.factors.${id}`, id, t) },
          { title: t('assessments.detail.scl90.items'), dataIndex: 'items', align: 'right' },
          {
            title: t('assessments.detail.scl90.mean'),
            dataIndex: 'mean',
            align: 'right',
            render: (mean: number | null) => <span style={{ fontWeight: mean !== null && mean >= 2 ? 600 : undefined }}>{decimal(mean)}</span>,
          },
          { title: t('assessments.detail.scl90.z'), dataIndex: 'z', align: 'right', render: (value: number | null) => decimal(value) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 4, fontSize: 12 }}>
        {t('assessments.detail.scl90.normNote')}
      </Typography.Paragraph>
    </>
  );
}

function ItemAnswers({ detail }: { detail: AssessmentDetail & { instrument: InstrumentId } }) {
  const { t } = useTranslation();
  const choices = useMemo(() => itemChoices(detail.instrument, t), [detail.instrument, t]);
  const critical = new Set(((detail.result?.criticalItems as number[] | undefined) ?? []).map(Number));
  const rows = choices.map((item) => ({ number: item.number, text: item.text, value: (detail.responses[item.number - 1] ?? null) as Answer }));
  const hasText = rows.some((row) => row.text);
  return (
    <Table
      rowKey="number"
      size="small"
      pagination={rows.length > 30 ? { pageSize: 30, size: 'small', showSizeChanger: false } : false}
      dataSource={rows}
      columns={[
        { title: t('assessments.detail.item'), dataIndex: 'number', width: 64 },
        ...(hasText ? [{ title: t('assessments.detail.text'), dataIndex: 'text' }] : []),
        {
          title: t('assessments.detail.answer'),
          key: 'answer',
          width: hasText ? 200 : undefined,
          render: (_: unknown, row: (typeof rows)[number]) => {
            const label = answerLabel(t, detail.instrument, row.number, row.value);
            if (critical.has(row.number))
              return (
                <Typography.Text type="danger" strong>
                  {label}
                </Typography.Text>
              );
            return row.value === null ? <Typography.Text type="secondary">{label}</Typography.Text> : label;
          },
        },
      ]}
    />
  );
}

/**
 * The advice "立即启动危机干预流程" of a CRITICAL flag as an action: opens the crisis event from
 * the flag's alert, or lands on the event already handling it (the student's open one).
 */
function StartCrisisButton({ detail, flag }: { detail: AssessmentDetail; flag: AssessmentDetail['flags'][number] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [, navigate] = useHashLocation();
  const alerts = useCallQuery('alerts.list', { status: 'all', studentId: detail.studentId });
  const alert = alerts.data?.find((a) => a.assessmentId === detail.id && a.code === flag.code) ?? null;
  const linkedEvent = alert?.crisisEventId ?? null;
  // The alert lists, the header count and the board refetch from store.changed.
  const opener = useOpenCrisisForFinding({
    onSuccess: (eventId) => navigate('crisisEvent', eventId),
    onError: (failure) => void message.error(errorMessage(failure, t)),
  });
  const go = () => {
    if (linkedEvent) return navigate('crisisEvent', linkedEvent);
    void opener.run({
      studentId: detail.studentId,
      instrument: detail.instrument,
      finding: { code: flag.code, item: flag.item ?? null, alertId: alert?.id ?? null },
      openEventId: null,
    });
  };
  return (
    <Button
      size="small"
      type="primary"
      danger
      loading={opener.pending}
      disabled={alerts.isPending}
      onClick={go}
      data-testid="start-crisis-button"
      style={{ marginInlineStart: 8 }}
    >
      {linkedEvent ? t('assessments.criticalResult.viewOpenEvent') : t('assessments.criticalResult.startCrisis')}
    </Button>
  );
}

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section style={{ marginTop: 20 }}>
      <Typography.Title level={5} style={{ marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function DetailBody({ detail }: { detail: AssessmentDetail }) {
  const { t } = useTranslation();
  const result = detail.result as Result | null;
  const instrument = isInstrumentId(detail.instrument) ? detail.instrument : null;
  const when = detail.mode === 'paper' ? 'administeredOn' : 'completedAt';
  const summary = optionsSummary(t, detail.options);
  const canOpenCrisis = useCan('crisis.manage');
  const pairs: NonNullable<DescriptionsProps['items']> = [
    { key: 'mode', label: t('assessments.detail.mode'), children: t(`assessments.modes.${detail.mode}`) },
    { key: 'status', label: t('assessments.detail.status'), children: t(`assessments.statuses.${detail.status}`) },
    ...(detail.mode === 'paper'
      ? [{ key: when, label: t('assessments.detail.administeredOn'), children: assessmentWhen(detail) }]
      : [
          { key: 'startedAt', label: t('assessments.detail.startedAt'), children: localTime(detail.startedAt) },
          { key: 'completedAt', label: t('assessments.detail.completedAt'), children: localTime(detail.completedAt, '–') },
        ]),
    ...(result
      ? [
          { key: 'scoreStatus', label: t('assessments.detail.scoreStatus'), children: scoreStatus(t, result) },
          { key: 'total', label: t('assessments.detail.total'), children: <strong data-testid="detail-total">{detail.total ?? '–'}</strong> },
          ...(detail.band || detail.screenPositive !== null
            ? [
                {
                  key: 'band',
                  label: t('assessments.detail.band'),
                  children: (
                    <Flex gap={4} wrap align="center">
                      {detail.band ? <span>{bandLabel(t, detail.instrument, detail.band)}</span> : null}
                      <ScreenTag value={detail.screenPositive} />
                    </Flex>
                  ),
                },
              ]
            : []),
          ...(instrument ? (familyItems(t, instrument, result, detail.options) ?? []) : []),
        ]
      : []),
  ];
  // Two per row; an odd last one fills its row, as do the name and the switches.
  if (pairs.length % 2 === 1) pairs[pairs.length - 1] = { ...pairs[pairs.length - 1], span: 'filled' };
  const items: DescriptionsProps['items'] = [
    { key: 'instrument', label: t('assessments.detail.instrument'), children: instrumentName(detail.instrument), span: 'filled' },
    ...pairs,
    ...(summary.length ? [{ key: 'switches', label: t('assessments.detail.switches'), children: summary.join('；'), span: 'filled' as const }] : []),
  ];
  return (
    <>
      <Descriptions bordered size="small" column={2} items={items} styles={{ label: { whiteSpace: 'nowrap' }, content: { minWidth: 110 } }} />
      {!result ? <Alert type="info" showIcon title={t('assessments.detail.notScored')} style={{ marginTop: 16 }} /> : null}
      {result ? (
        <Section title={t('assessments.detail.flags')}>
          {detail.flags.length === 0 ? (
            <Typography.Text type="secondary">{t('assessments.detail.noFlags')}</Typography.Text>
          ) : (
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="detail-flags">
              {detail.flags.map((flag, index) => (
                <li key={`${flag.code}-${index}`} style={{ marginBottom: 6 }}>
                  <FlagTag flag={flag} /> <Typography.Text>{flagExplanation(t, flag)}</Typography.Text>
                  {flag.level === 'CRITICAL' && canOpenCrisis && detail.status === 'complete' ? <StartCrisisButton detail={detail} flag={flag} /> : null}
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : null}
      {result && instrument === 'scl90' ? (
        <Section title={t('assessments.detail.scl90.factor')}>
          <Scl90Factors result={result} />
        </Section>
      ) : null}
      {instrument ? (
        <Section title={t('assessments.detail.answers')}>
          <ItemAnswers detail={{ ...detail, instrument }} />
        </Section>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('assessments.notDiagnosis')}
      </Typography.Paragraph>
    </>
  );
}

/** One assessment in full: scores, band, flags explained, family scores, and every item answer. */
export function AssessmentDetailDrawer({ assessmentId, onClose }: { assessmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useCallQuery('assessments.get', { id: assessmentId });
  return (
    <Drawer open title={t('assessments.detail.title')} size={760} onClose={onClose} destroyOnHidden>
      {detail.isError ? <Alert type="error" showIcon title={assessmentErrorMessage(detail.error, t)} /> : null}
      {detail.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {detail.data ? <DetailBody detail={detail.data} /> : null}
    </Drawer>
  );
}

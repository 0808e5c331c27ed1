import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Result, Space, Tabs, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { AddInstrumentsModal } from './AddInstrumentsModal';
import { FollowupsTab } from './FollowupsTab';
import { ImportTab } from './ImportTab';
import { instrumentShort, periodText, type CensusBatch } from './labels';
import { ProgressTab } from './ProgressTab';
import { StatisticsTab } from './StatisticsTab';
import { localTime } from '../../../src-shared/labels/local-time';

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** The rules the batch keeps, in words: SCL-90 cutoffs and the UPI variant. */
export function rulesText(batch: CensusBatch, t: TFunction): string[] {
  return batch.instruments.flatMap((id) => {
    const rules = record(batch.rules[id]);
    if (id === 'scl90') {
      const screen = { totalAbove: 160, pstAbove: 43, factorMeanAtLeast: 2, ...record(rules.screen) };
      return [t('census.batch.sclRule', { replace: screen })];
    }
    if (id === 'upi') return [t('census.batch.upiRule', { variant: rules.variant === 'C' ? 'C' : 'B' })];
    return [];
  });
}

type TabKey = 'import' | 'followups' | 'progress' | 'statistics';

/** One batch: what it is, and the tabs the signed-in roles may use. */
export function BatchView({ batchId, onNavigate }: { batchId: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const batches = useCallQuery('census.listBatches', {});
  const canImport = useCan('census.import');
  const canClinical = useCan('census.clinical');
  const canRead = useCan('census.read');
  const canManage = useCan('census.manage');
  const { message } = App.useApp();
  const [tab, setTab] = useState<TabKey | null>(null);
  const [adding, setAdding] = useState(false);

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => onNavigate('census')} style={{ paddingInline: 0 }}>
      {t('census.batch.back')}
    </Button>
  );

  if (batches.isPending) return <Card loading title={back} />;
  const batch = batches.data?.find((b) => b.id === batchId);
  if (batches.isError || !batch) {
    return (
      <Card>
        <Result
          status={batches.isError ? 'error' : '404'}
          title={batches.isError ? errorMessage(batches.error, t) : t('census.batch.notFound')}
          subTitle={batches.isError ? undefined : t('census.batch.notFoundDetail')}
          extra={
            <Space>
              {batches.isError ? <Button onClick={() => void batches.refetch()}>{t('app.retry')}</Button> : null}
              <Button type="primary" icon={<ArrowLeftOutlined />} onClick={() => onNavigate('census')}>
                {t('census.batch.back')}
              </Button>
            </Space>
          }
        />
      </Card>
    );
  }

  const others = (batches.data ?? []).filter((b) => b.id !== batch.id);
  const items = [
    ...(canImport
      ? [
          {
            key: 'import' as const,
            label: t('census.batch.tabs.import'),
            children: <ImportTab key={batch.instruments.join(',')} batch={batch} onShowFollowups={canClinical ? () => setTab('followups') : undefined} />,
          },
        ]
      : []),
    ...(canClinical
      ? [{ key: 'followups' as const, label: t('census.batch.tabs.followups'), children: <FollowupsTab batch={batch} onNavigate={onNavigate} /> }]
      : []),
    ...(canRead ? [{ key: 'progress' as const, label: t('census.batch.tabs.progress'), children: <ProgressTab batch={batch} /> }] : []),
    ...(canClinical
      ? [{ key: 'statistics' as const, label: t('census.batch.tabs.statistics'), children: <StatisticsTab batch={batch} others={others} /> }]
      : []),
  ];
  const active = tab && items.some((item) => item.key === tab) ? tab : (items[0]?.key ?? null);
  const rules = rulesText(batch, t);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={back} size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {batch.name}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('census.batch.cohort')}>{batch.cohort}</Descriptions.Item>
          <Descriptions.Item label={t('census.batch.grade')}>{batch.grade ?? t('census.batch.noGrade')}</Descriptions.Item>
          <Descriptions.Item label={t('census.batch.period')}>{periodText(batch) || t('census.dash')}</Descriptions.Item>
          <Descriptions.Item label={t('census.batch.instruments')}>
            <Flex gap={4} wrap align="center">
              {batch.instruments.map((id) => (
                <Tag key={id}>{instrumentShort(id)}</Tag>
              ))}
              {canManage ? (
                <Button size="small" type="link" onClick={() => setAdding(true)} style={{ paddingInline: 4 }}>
                  {t('census.batch.addInstruments.button')}
                </Button>
              ) : null}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('census.batch.createdAt')}>{localTime(batch.createdAt)}</Descriptions.Item>
          {rules.length > 0 ? (
            <Descriptions.Item label={t('census.batch.rules')} span="filled">
              <Space orientation="vertical" size={0}>
                {rules.map((line) => (
                  <Typography.Text key={line}>{line}</Typography.Text>
                ))}
              </Space>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {adding ? (
        <AddInstrumentsModal
          batch={batch}
          onClose={() => setAdding(false)}
          onAdded={(text) => {
            setAdding(false);
            void message.success(text);
          }}
        />
      ) : null}
      <Card>
        {items.length > 0 ? (
          <Tabs activeKey={active ?? undefined} onChange={(key) => setTab(key as TabKey)} items={items} />
        ) : (
          <Result status="403" title={t('census.batch.noTabs')} />
        )}
      </Card>
    </Space>
  );
}

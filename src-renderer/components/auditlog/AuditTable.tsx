import { Table, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditCategory, AuditEntry } from '../../../src-shared/contract/auditlog';

const CATEGORY_COLORS: Partial<Record<AuditCategory, string>> = {
  view: 'blue',
  create: 'green',
  change: 'default',
  sign: 'cyan',
  unlock: 'orange',
  export: 'purple',
  print: 'purple',
  disclose: 'magenta',
  'break-glass': 'red',
  'sign-in': 'geekblue',
  'failed-sign-in': 'volcano',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function detailValue(t: TFunction, value: unknown): string {
  if (typeof value === 'boolean') return value ? t('auditlog.yes') : t('auditlog.no');
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : value;
  if (Array.isArray(value)) return value.map((v) => detailValue(t, v)).join('、');
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Details are ids, counts, field names and reasons (never content): shown as they are, keys named. */
function Details({ details }: { details: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(details);
  if (!entries.length) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {entries.map(([key, value]) => `${t(`auditlog.detailKeys.${key}`, { defaultValue: key })}：${detailValue(t, value)}`).join('；')}
    </Typography.Text>
  );
}

export function actionText(t: TFunction, entry: Pick<AuditEntry, 'action' | 'entity'>): string {
  return `${t(`auditlog.actions.${entry.action}`, { defaultValue: entry.action })} · ${t(`auditlog.entities.${entry.entity}`, { defaultValue: entry.entity })}`;
}

/** One page of entries from the core; paging asks the core for the next page. */
export function AuditTable({
  entries,
  total,
  page,
  pageSize,
  loading,
  onPage,
}: {
  entries: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<AuditEntry>
      rowKey="seq"
      size="small"
      loading={loading}
      dataSource={entries}
      locale={{ emptyText: t('auditlog.empty') }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (n) => t('auditlog.total', { total: n }),
        onChange: onPage,
      }}
      columns={[
        { key: 'at', title: t('auditlog.columns.at'), width: 170, render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss') },
        { key: 'actor', title: t('auditlog.columns.actor'), width: 120, render: (_, e) => e.actor?.displayName ?? t('auditlog.system') },
        {
          key: 'action',
          title: t('auditlog.columns.action'),
          render: (_, e) => (
            <>
              <Tag color={CATEGORY_COLORS[e.category]}>{t(`auditlog.categories.${e.category}`)}</Tag>
              {actionText(t, e)}
            </>
          ),
        },
        {
          key: 'subject',
          title: t('auditlog.columns.subject'),
          render: (_, e) => e.subject ?? (e.entityId ? <Tooltip title={e.entityId}>{e.entityId.slice(0, 8)}</Tooltip> : '—'),
        },
        {
          key: 'workstation',
          title: t('auditlog.columns.workstation'),
          width: 110,
          render: (_, e) => <Tooltip title={e.workstationId}>{e.thisWorkstation ? t('auditlog.thisWorkstation') : e.workstationId.slice(0, 8)}</Tooltip>,
        },
        { key: 'details', title: t('auditlog.columns.details'), render: (_, e) => <Details details={e.details} /> },
      ]}
    />
  );
}

import { Table, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditCategory, AuditEntry, AuditLogFilter } from '../../../src-shared/contract/auditlog';
import {
  auditActionLabel,
  auditEntityLabel,
  auditGroupSize,
  auditRecordLabel,
  auditWorkstationLabel,
  describeAuditDetails,
  describeAuditGroup,
  type AuditLanguage,
} from '../../../src-shared/labels/audit-labels';
import { AuditGroupRows } from './AuditGroupRows';

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

/** The interface language as the shared audit dictionary names it. */
export function auditLanguage(language: string | undefined): AuditLanguage {
  return language?.startsWith('en') ? 'en' : 'zh-CN';
}

/** Details in words from the shared dictionary: field names, coded values and the names of referenced records. */
function Details({ entry }: { entry: AuditEntry }) {
  const { i18n } = useTranslation();
  const lang = auditLanguage(i18n.language);
  // A bulk operation: its size (and how many match the filter); its rows are one click away.
  if (entry.group) return <Tag color="blue">{auditGroupSize(entry.group, lang)}</Tag>;
  const text = describeAuditDetails(entry.details, { lang, names: entry.names });
  if (!text) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
}

export function actionText(entry: Pick<AuditEntry, 'action' | 'entity'>, lang: AuditLanguage): string {
  return `${auditActionLabel(entry.action, lang)} · ${auditEntityLabel(entry.entity, lang)}`;
}

/** The record as a person knows it; without a name, a dash (its id on hover, for a technician). */
function Subject({ entry, lang }: { entry: AuditEntry; lang: AuditLanguage }) {
  const label = auditRecordLabel(entry, lang);
  if (label) return <>{label}</>;
  return entry.entityId ? <Tooltip title={entry.entityId}>—</Tooltip> : <>—</>;
}

/** The columns of the log, shared by the page and a bulk operation's rows. */
export function auditColumns(t: TFunction, lang: AuditLanguage): ColumnsType<AuditEntry> {
  return [
    { key: 'at', title: t('auditlog.columns.at'), width: 170, render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss') },
    { key: 'actor', title: t('auditlog.columns.actor'), width: 120, render: (_, e) => e.actor?.displayName ?? t('auditlog.system') },
    {
      key: 'action',
      title: t('auditlog.columns.action'),
      // Action and record kind are words now, longer than the codes were: room for one line.
      width: 240,
      render: (_, e) => (
        <>
          <Tag color={CATEGORY_COLORS[e.category]}>{t(`auditlog.categories.${e.category}`)}</Tag>
          {/* A bulk operation reads as what it did and its counts: 导入花名册：新增 120、更新 3… */}
          {e.group ? describeAuditGroup(e, lang) : actionText(e, lang)}
        </>
      ),
    },
    {
      key: 'subject',
      title: t('auditlog.columns.subject'),
      render: (_, e) => <Subject entry={e} lang={lang} />,
    },
    {
      key: 'workstation',
      title: t('auditlog.columns.workstation'),
      width: 110,
      render: (_, e) => <Tooltip title={e.workstationId === 'unset' ? undefined : e.workstationId}>{auditWorkstationLabel(e, lang)}</Tooltip>,
    },
    { key: 'details', title: t('auditlog.columns.details'), render: (_, e) => <Details entry={e} /> },
  ];
}

/**
 * One page of entries from the core; paging asks the core for the next page. A bulk operation
 * is one row that expands to its rows, loaded from the core only when opened.
 */
export function AuditTable({
  entries,
  total,
  totalCapped = false,
  page,
  pageSize,
  loading,
  onPage,
  filter = {},
}: {
  entries: AuditEntry[];
  total: number;
  /** The core stopped counting at `total`: more match (the pager offers the next page). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  /** The list's filter: a group's rows are the ones that match it. */
  filter?: AuditLogFilter;
}) {
  const { t, i18n } = useTranslation();
  const lang = auditLanguage(i18n.language);
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
        // One more than counted when capped, so the page after the counted ones can be opened.
        total: totalCapped ? total + 1 : total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: () => (totalCapped ? t('auditlog.totalMore', { total }) : t('auditlog.total', { total })),
        onChange: onPage,
      }}
      expandable={{
        rowExpandable: (e) => Boolean(e.group),
        expandedRowRender: (e) => <AuditGroupRows entry={e} filter={filter} />,
      }}
      columns={auditColumns(t, lang)}
    />
  );
}

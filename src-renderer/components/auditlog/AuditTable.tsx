import { Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditCategory, AuditEntry } from '../../../src-shared/contract/auditlog';
import {
  auditActionLabel,
  auditEntityLabel,
  auditRecordLabel,
  auditWorkstationLabel,
  describeAuditDetails,
  type AuditLanguage,
} from '../../../src-shared/labels/audit-labels';

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
  const text = describeAuditDetails(entry.details, { lang: auditLanguage(i18n.language), names: entry.names });
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
          // Action and record kind are words now, longer than the codes were: room for one line.
          width: 240,
          render: (_, e) => (
            <>
              <Tag color={CATEGORY_COLORS[e.category]}>{t(`auditlog.categories.${e.category}`)}</Tag>
              {actionText(e, lang)}
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
      ]}
    />
  );
}

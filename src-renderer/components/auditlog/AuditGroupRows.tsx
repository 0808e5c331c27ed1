import { Alert, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditLogFilter } from '../../../src-shared/contract/auditlog';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { auditColumns, auditLanguage } from './AuditTable';

const PAGE_SIZE = 50;

/**
 * The rows of one bulk operation (an import, a destruction), oldest first, that match the
 * list's filter: asked of the core only when the entry is opened, a page at a time.
 */
export function AuditGroupRows({ entry, filter }: { entry: AuditEntry; filter: AuditLogFilter }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const rows = useCallQuery('auditlog.group', { ...filter, bulk: entry.group!.bulk, seq: entry.seq, page, pageSize: PAGE_SIZE });
  if (rows.isError) return <Alert type="error" showIcon title={errorMessage(rows.error, t)} />;
  return (
    <Table<AuditEntry>
      rowKey="seq"
      size="small"
      loading={rows.isFetching}
      dataSource={rows.data?.entries ?? []}
      columns={auditColumns(t, auditLanguage(i18n.language))}
      aria-label={t('auditlog.groupRows')}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: rows.data?.total ?? 0,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (n) => t('auditlog.total', { total: n }),
        onChange: setPage,
      }}
    />
  );
}

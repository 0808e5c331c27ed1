import { Alert, Card, Flex, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../api/queries';
import { AuditFilters, toChannelFilter, useSeesClinicalRecords, type AuditFilterState } from '../components/auditlog/AuditFilters';
import { AuditTable } from '../components/auditlog/AuditTable';
import { AuditExportButton } from '../components/auditlog/ExportButton';
import { VerifyChainButton } from '../components/auditlog/VerifyChain';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';

/** 审计日志: who did what, when, from where; filter, verify the chain, export for an inspection. */
export function AuditLog({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  const [filter, setFilter] = useState<AuditFilterState>({ categories: [] });
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [verified, setVerified] = useState<ReactNode>(null);
  const clinical = useSeesClinicalRecords();
  const channelFilter = toChannelFilter(filter);
  const list = useCallQuery('auditlog.list', { ...channelFilter, ...paging });

  return (
    <Card>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('auditlog.title')}
        </Typography.Title>
        <span style={{ flex: 1 }} />
        <VerifyChainButton onResult={setVerified} />
        <AuditExportButton filter={channelFilter} />
      </Flex>
      <Typography.Paragraph type="secondary">{t('auditlog.intro')}</Typography.Paragraph>
      {clinical ? null : <Alert type="info" showIcon title={t('auditlog.filters.nonClinical')} style={{ marginBottom: 12 }} />}
      {verified ? <div style={{ marginBottom: 12 }}>{verified}</div> : null}
      <div style={{ marginBottom: 12 }}>
        <AuditFilters
          value={filter}
          onChange={(next) => {
            setFilter(next);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
      </div>
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error, t)} style={{ marginBottom: 12 }} /> : null}
      <AuditTable
        entries={list.data?.entries ?? []}
        total={list.data?.total ?? 0}
        totalCapped={list.data?.totalCapped ?? false}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={list.isFetching}
        filter={channelFilter}
        onPage={(page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize })}
      />
    </Card>
  );
}

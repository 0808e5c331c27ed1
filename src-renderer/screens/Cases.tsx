import { Alert, Card, Flex, Segmented, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseStatus } from '../../src-shared/contract';
import { useCallQuery } from '../api/queries';
import { CaseTable } from '../components/cases/CaseTable';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';

type StatusFilter = CaseStatus | 'open' | 'any';

/** 个案: mine or all, filtered by status (open ones by default). */
export function Cases({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [status, setStatus] = useState<StatusFilter>('open');
  const list = useCallQuery('cases.list', { scope, ...(status === 'any' ? {} : { status }) });
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('cases.title')}
      </Typography.Title>
      <Card>
        <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
          <Segmented<'mine' | 'all'>
            value={scope}
            onChange={setScope}
            options={[
              { value: 'mine', label: t('cases.list.mine') },
              { value: 'all', label: t('cases.list.all') },
            ]}
          />
          <label htmlFor="cases-status-filter">{t('cases.list.status')}</label>
          <Select<StatusFilter>
            id="cases-status-filter"
            value={status}
            onChange={setStatus}
            style={{ width: 160 }}
            options={[
              { value: 'open', label: t('cases.list.open') },
              ...CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) })),
              { value: 'any', label: t('cases.list.allStatuses') },
            ]}
          />
        </Flex>
        {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error, t)} style={{ marginBottom: 12 }} /> : null}
        <CaseTable rows={list.data ?? []} loading={list.isPending} onNavigate={onNavigate} emptyText={t('cases.list.empty')} />
      </Card>
    </>
  );
}

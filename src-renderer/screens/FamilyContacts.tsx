import { Card, DatePicker, Flex, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyContact } from '../../src-shared/contract';
import { useCallQuery } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFamilyColumns } from '../components/family/FamilyContactLog';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useScope } from '../session';

/** 家校沟通: the log across students for a period (contacts are recorded on the student file). */
export function FamilyContacts({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const ownOnly = useScope('family.read') === 'own';
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const filter = {
    ...(period?.[0] ? { from: period[0].format('YYYY-MM-DD') } : {}),
    ...(period?.[1] ? { to: period[1].format('YYYY-MM-DD') } : {}),
  };
  const list = useCallQuery('family.list', filter);
  const columns = useFamilyColumns({ withStudent: true, onOpenStudent: (id) => onNavigate('student', id) });
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('family.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{ownOnly ? t('family.ownOnly') : t('family.intro')}</Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          aria-label={t('family.columns.contactedAt')}
          placeholder={[t('family.page.from'), t('family.page.to')]}
          value={period}
          allowEmpty={[true, true]}
          onChange={(value) => setPeriod(value)}
        />
      </Flex>
      <ErrorAlert message={list.isError ? errorMessage(list.error, t) : null} />
      <Table<FamilyContact>
        size="small"
        rowKey={(row) => `${row.source}-${row.id}`}
        loading={list.isPending}
        dataSource={list.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('family.empty') }}
        columns={columns}
      />
    </Card>
  );
}

import { Alert, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../api/queries';
import { ReportDetailDrawer } from '../components/reports/ReportDetailDrawer';
import { ReportTable } from '../components/reports/ReportTable';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';

/** 分诊: reports waiting, most urgent first; each opens to intake or is closed with a note. */
export function Triage({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const queue = useCallQuery('reports.triageQueue', {});
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('reports.title')}
      </Typography.Title>
      <Card title={t('reports.triage.queueTitle')} extra={queue.data ? t('reports.triage.total', { count: queue.data.total }) : null}>
        {queue.isError ? <Alert type="error" showIcon title={errorMessage(queue.error, t)} style={{ marginBottom: 12 }} /> : null}
        <ReportTable rows={queue.data?.rows ?? []} loading={queue.isPending} onOpen={(r) => setOpenId(r.id)} emptyText={t('reports.triage.empty')} />
      </Card>
      {openId ? <ReportDetailDrawer reportId={openId} onClose={() => setOpenId(null)} onNavigate={onNavigate} /> : null}
    </>
  );
}

import { Alert } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { ReportDetailDrawer } from './ReportDetailDrawer';
import { ReportTable } from './ReportTable';

/** A student's reports (上报), newest first, each opening to its detail. */
export function StudentReports({ studentId, onNavigate }: { studentId: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const list = useCallQuery('reports.forStudent', { studentId });
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error, t)} style={{ marginBottom: 12 }} /> : null}
      <ReportTable
        rows={list.data ?? []}
        loading={list.isPending}
        onOpen={(r) => setOpenId(r.id)}
        showStudent={false}
        showStatus
        emptyText={t('reports.studentReports.empty')}
      />
      {openId ? <ReportDetailDrawer reportId={openId} onClose={() => setOpenId(null)} onNavigate={onNavigate} /> : null}
    </>
  );
}

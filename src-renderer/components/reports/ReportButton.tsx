import { FlagOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { useCan } from '../../session';
import { ReportFormModal } from './ReportFormModal';

/** 上报 on the student file: anyone who may file one (clinicians, reception, a liaison for their department). */
export function ReportButton({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const canReport = useCan('reports.create');
  const [open, setOpen] = useState(false);
  const student = useCallQuery('students.get', { id: studentId }, { enabled: canReport });
  if (!canReport) return null;
  return (
    <>
      <Button icon={<FlagOutlined />} danger onClick={() => setOpen(true)} disabled={!student.data}>
        {t('reports.form.button')}
      </Button>
      {open && student.data ? (
        <ReportFormModal
          student={student.data}
          onClose={() => setOpen(false)}
          onFiled={(result) => {
            setOpen(false);
            // An alert went out: say so plainly, and remind what to do if the danger is now.
            if (result.alertLevel) {
              modal.warning({
                title: t(result.alertLevel === 'CRITICAL' ? 'reports.form.doneCritical' : 'reports.form.doneUrgent'),
                content: t('reports.form.safetyHint'),
                okText: t('common.close'),
              });
            } else void message.success(t('reports.form.done'));
          }}
        />
      ) : null}
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan } from '../../session';
import { AppointmentList } from './AppointmentList';
import { AppointmentModal } from './AppointmentModal';
import { timeRange } from './calendar-ui';

/** A case's appointments, and booking the next one with the case's student already chosen. */
export function CaseAppointments({ caseId, studentId }: { caseId: string; studentId: string }) {
  const { t } = useTranslation();
  const canRead = useCan('calendar.read');
  const canManage = useCan('calendar.manage');
  const list = useCallQuery('calendar.forCase', { caseId }, { enabled: canRead });
  const [creating, setCreating] = useState(false);
  // The student's name for the form: from an earlier appointment, else looked up when booking.
  const known = list.data?.[0]?.student;
  const student = useCallQuery('students.get', { id: studentId }, { enabled: creating && !known });
  const studentLabel = known ? `${known.name}（${known.studentNo}）` : student.data ? `${student.data.name}（${student.data.studentNo}）` : undefined;
  if (!canRead) return null;

  return (
    <Card
      title={t('calendar.caseAppointments.title')}
      size="small"
      extra={
        canManage ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('calendar.newAppointment')}
          </Button>
        ) : null
      }
    >
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error, t)} /> : null}
      {list.data && list.data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.caseAppointments.empty')} /> : null}
      {list.data && list.data.length > 0 ? <AppointmentList appointments={list.data} title={(a) => timeRange(a.startsAt, a.endsAt, t)} /> : null}
      {creating && studentLabel ? <AppointmentModal draft={{ studentId, studentLabel, caseId }} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}

import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channels } from '../../src-shared/contract';
import { isCallError } from '../api/client';
import { useCallQuery } from '../api/queries';
import { StudentAssessments } from '../components/assessments/StudentAssessments';
import { StudentCases } from '../components/cases/StudentCases';
import { ReportButton } from '../components/reports/ReportButton';
import { OpenCrisisButton } from '../components/crisis/OpenCrisisButton';
import { OpenEventBanner } from '../components/crisis/OpenEventBanner';
import { PrintButton } from '../components/print/PrintButton';
import { RiskElsewhereBanner } from '../components/sync/RiskElsewhere';
import { StudentKeyAttention } from '../components/keyattention/StudentKeyAttention';
import { FamilyContactLog } from '../components/family/FamilyContactLog';
import { StudentFormModal } from '../components/students/StudentFormModal';
import { StudentInfo } from '../components/students/StudentInfo';
import { StatusTag } from '../components/students/StudentTags';
import { StudentTimeline } from '../components/students/StudentTimeline';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan } from '../session';

/** A student's 心理健康档案: header, 基本信息, 时间线 and (for clinical staff) 心理测评. */
export function StudentFile({ studentId, onNavigate }: { studentId: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const student = useCallQuery('students.get', { id: studentId });
  const canEdit = useCan(channels['students.update'].permission);
  const canSeeAssessments = useCan('assessments.clinical');
  const canSeeFamily = useCan('family.read');
  const [editing, setEditing] = useState(false);
  // Controlled, so a timeline line about the basic data can open the 基本信息 tab.
  const [tab, setTab] = useState('info');

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => onNavigate('students')} style={{ paddingInline: 0 }}>
      {t('students.file.back')}
    </Button>
  );

  if (student.isPending) return <Card loading title={back} />;
  if (student.isError) {
    // Absent and "not in your department" look the same (the core answers NOT_FOUND for both).
    const notFound = isCallError(student.error) && (student.error.code === 'NOT_FOUND' || student.error.code === 'VALIDATION');
    return (
      <Card>
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('students.file.notFound') : errorMessage(student.error, t)}
          subTitle={notFound ? t('students.file.notFoundDetail') : undefined}
          extra={
            <Space>
              {notFound ? null : <Button onClick={() => void student.refetch()}>{t('app.retry')}</Button>}
              <Button type="primary" icon={<ArrowLeftOutlined />} onClick={() => onNavigate('students')}>
                {t('students.file.back')}
              </Button>
            </Space>
          }
        />
      </Card>
    );
  }

  const data = student.data;
  const placement = [data.department, data.grade, data.className].filter(Boolean).join(' / ');
  const tabs = [
    { key: 'info', label: t('students.file.tabs.info'), children: <StudentInfo student={data} onEdit={canEdit ? () => setEditing(true) : undefined} /> },
    {
      key: 'timeline',
      label: t('students.file.tabs.timeline'),
      children: <StudentTimeline studentId={data.id} onNavigate={onNavigate} onShowInfo={() => setTab('info')} />,
    },
    ...(canSeeAssessments ? [{ key: 'assessments', label: t('students.file.tabs.assessments'), children: <StudentAssessments studentId={data.id} /> }] : []),
    ...(canSeeFamily ? [{ key: 'family', label: t('family.tab'), children: <FamilyContactLog studentId={data.id} /> }] : []),
  ];

  return (
    <Flex vertical gap={16}>
      <div>{back}</div>
      <OpenEventBanner studentId={data.id} onNavigate={onNavigate} />
      <RiskElsewhereBanner studentNo={data.studentNo} />
      <Card className="student-file-header">
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {data.name}
          </Typography.Title>
          <StatusTag status={data.status} />
          <Typography.Text type="secondary" style={{ fontSize: 16 }}>
            {t('students.fields.studentNo')} <span className="student-grid-no">{data.studentNo}</span>
          </Typography.Text>
          {placement ? (
            <Typography.Text type="secondary" style={{ fontSize: 16 }}>
              {placement}
            </Typography.Text>
          ) : null}
          <span style={{ flex: 1 }} />
          <ReportButton studentId={data.id} />
          <OpenCrisisButton studentId={data.id} onNavigate={onNavigate} />
          <PrintButton document="case-file" id={data.id} onNavigate={onNavigate} />
        </Flex>
      </Card>
      <StudentKeyAttention studentId={data.id} />
      <StudentCases studentId={data.id} onNavigate={onNavigate} />
      <Card>
        <Tabs items={tabs} activeKey={tab} onChange={setTab} />
      </Card>
      {editing ? <StudentFormModal student={data} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
    </Flex>
  );
}

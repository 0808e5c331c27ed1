import { FolderOpenOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { CaseTable } from './CaseTable';
import { RiskTag } from './labels';

/** The student's cases on the file; a liaison sees only whether one is open and its risk level. */
export function StudentCases({ studentId, onNavigate }: { studentId: string; onNavigate: Navigate }) {
  const clinical = useCan('cases.clinical');
  const status = useCan('cases.status');
  if (clinical) return <ClinicalCases studentId={studentId} onNavigate={onNavigate} />;
  if (status) return <CaseStatusOnly studentId={studentId} />;
  return null;
}

function ClinicalCases({ studentId, onNavigate }: { studentId: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const list = useCallQuery('cases.forStudent', { studentId });
  return (
    <Card
      data-testid="student-cases"
      title={
        <>
          <FolderOpenOutlined /> {t('cases.studentCases.title')}
        </>
      }
      extra={
        <Button icon={<PlusOutlined />} onClick={() => onNavigate('intake', `student:${studentId}`)}>
          {t('cases.studentCases.startIntake')}
        </Button>
      }
    >
      <CaseTable rows={list.data ?? []} loading={list.isPending} onNavigate={onNavigate} showStudent={false} emptyText={t('cases.studentCases.empty')} />
    </Card>
  );
}

function CaseStatusOnly({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const status = useCallQuery('cases.studentStatus', { studentId });
  if (!status.data) return null;
  return (
    <Card size="small" data-testid="student-case-status">
      <Flex gap={12} align="center">
        <Typography.Text strong>{t('cases.studentCases.title')}</Typography.Text>
        {status.data.hasOpenCase ? <Tag color="processing">{t('cases.studentCases.hasOpenCase')}</Tag> : <Tag>{t('cases.studentCases.noOpenCase')}</Tag>}
        {status.data.riskLevel ? (
          <>
            <Typography.Text type="secondary">{t('cases.studentCases.riskLevel')}</Typography.Text>
            <RiskTag risk={status.data.riskLevel} />
          </>
        ) : null}
      </Flex>
    </Card>
  );
}

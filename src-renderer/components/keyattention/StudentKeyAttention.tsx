import { Alert, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { shownOnlyWith } from '../shownOnlyWith';
import { LevelTag } from './levels';

/** The student's key-attention entry on the student file (level, responsible people, next review); nothing when not on the list. */
export const StudentKeyAttention = shownOnlyWith('keyattention.read', Entry);

function Entry({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const entry = useCallQuery('keyattention.forStudent', { studentId }).data;
  if (!entry) return null;
  const people = [entry.counselor?.displayName, entry.responsible.departmentCounselor, entry.responsible.dormWatcher, entry.responsible.peerCounselor]
    .filter(Boolean)
    .join('、');
  return (
    <Alert
      type={entry.overdue ? 'error' : 'warning'}
      data-testid="student-key-attention"
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong>{t('keyattention.student.title')}</Typography.Text>
          <LevelTag level={entry.level} />
          <Typography.Text type={entry.overdue ? 'danger' : undefined}>
            {t('keyattention.student.next', { date: entry.nextReviewOn })}
            {entry.overdue ? `（${t('keyattention.overdue')}）` : ''}
          </Typography.Text>
          {people ? (
            <Typography.Text type="secondary">
              {t('keyattention.fields.responsible')}：{people}
            </Typography.Text>
          ) : null}
          <Button type="link" size="small" href="#/keyattention">
            {t('keyattention.student.open')}
          </Button>
        </Flex>
      }
    />
  );
}

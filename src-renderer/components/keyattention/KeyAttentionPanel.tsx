import { Badge, Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { shownOnlyWith } from '../shownOnlyWith';
import { ErrorAlert } from '../ErrorAlert';
import { LevelTag } from './levels';
import { WorkbenchCard } from '../workbench/WorkbenchCard';

/** Key-attention reviews due on the workbench: a counselor's own, the director's all. */
export const KeyAttentionPanel = shownOnlyWith('keyattention.manage', DueReviews);

function DueReviews({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const due = useCallQuery('keyattention.dueReviews', {});
  const rows = due.data?.rows ?? [];
  if (due.isSuccess && rows.length === 0) return null;
  return (
    <WorkbenchCard
      testId="ka-panel"
      small
      title={
        <>
          {t('keyattention.panel.title')} <Badge count={rows.length} />
        </>
      }
      link={{ label: t('keyattention.panel.more'), onClick: () => onNavigate('keyattention') }}
    >
      {due.isError ? <ErrorAlert message={errorMessage(due.error, t)} /> : null}
      <List
        size="small"
        loading={due.isPending}
        dataSource={rows.slice(0, 8)}
        renderItem={(e) => (
          <List.Item>
            <LevelTag level={e.level} />
            <Button type="link" style={{ padding: 0 }} onClick={() => onNavigate('student', e.student.id)}>
              {e.student.name}
            </Button>
            <Typography.Text type={e.overdue ? 'danger' : undefined} style={{ marginLeft: 'auto' }}>
              {t('keyattention.fields.nextReview')} {e.nextReviewOn}
              {e.overdue ? `（${t('keyattention.overdue')}）` : ''}
            </Typography.Text>
          </List.Item>
        )}
      />
    </WorkbenchCard>
  );
}

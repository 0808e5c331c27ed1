import { FolderOpenOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import type { Navigate } from '../../router';
import { shownOnlyWith } from '../shownOnlyWith';
import { CaseTable } from './CaseTable';

/** The signed-in counselor's open cases on the workbench. */
export const MyCasesPanel = shownOnlyWith('cases.clinical', MyCasesCard);

function MyCasesCard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const list = useCallQuery('cases.list', { scope: 'mine', status: 'open' });
  return (
    <Card
      data-testid="my-cases-panel"
      style={{ marginBottom: 16 }}
      title={
        <>
          <FolderOpenOutlined /> {t('cases.myCases.title')}
        </>
      }
      extra={
        <Button type="link" onClick={() => onNavigate('cases')}>
          {t('cases.myCases.all')}
        </Button>
      }
    >
      <CaseTable rows={list.data ?? []} loading={list.isPending} onNavigate={onNavigate} emptyText={t('cases.myCases.empty')} />
    </Card>
  );
}

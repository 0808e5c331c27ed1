import { FolderOpenOutlined } from '@ant-design/icons';

import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import type { Navigate } from '../../router';
import { shownOnlyWith } from '../shownOnlyWith';
import { CaseTable } from './CaseTable';
import { WorkbenchCard } from '../workbench/WorkbenchCard';

/** The signed-in counselor's open cases on the workbench. */
export const MyCasesPanel = shownOnlyWith('cases.clinical', MyCasesCard);

function MyCasesCard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const list = useCallQuery('cases.list', { scope: 'mine', status: 'open' });
  return (
    <WorkbenchCard
      testId="my-cases-panel"
      icon={<FolderOpenOutlined />}
      title={t('cases.myCases.title')}
      link={{ label: t('cases.myCases.all'), onClick: () => onNavigate('cases') }}
    >
      <CaseTable rows={list.data ?? []} loading={list.isPending} onNavigate={onNavigate} emptyText={t('cases.myCases.empty')} />
    </WorkbenchCard>
  );
}

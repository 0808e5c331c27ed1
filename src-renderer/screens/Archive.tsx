import { App, Button, Card, Tabs } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useAction } from '../api/mutations';
import { ApprovalsTab } from '../components/archive/ApprovalsTab';
import { DueTab } from '../components/archive/DueTab';
import { HoldsTab } from '../components/archive/HoldsTab';
import { RecordsTab } from '../components/archive/RecordsTab';
import { SearchTab } from '../components/archive/SearchTab';
import { SettingsCard } from '../components/archive/SettingsCard';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan, useSession } from '../session';

/** 档案: search archived cases, retention and destruction with two approvals, legal holds. */
export function Archive({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mayRead = useCan('archive.read');
  const mayManage = useCan('archive.manage');
  const mayApprove = useCan('archive.approve');
  const isAdmin = useSession().session.roles.includes('admin');
  const mayRunDue = mayManage || isAdmin;
  const ranOnOpen = useRef(false);

  // The archive's lists refresh from store.changed when cases moved. Only a run asked for by the button says what it did.
  const due = useAction((_announce: boolean) => call('archive.runDue', {}), {
    onSuccess: ({ archived }, announce) => {
      if (announce) void message.info(archived > 0 ? t('archive.runDueDone', { count: archived }) : t('archive.runDueNone'));
    },
    onError: (failure, announce) => {
      if (announce) void message.error(errorMessage(failure, t));
    },
  });
  const running = due.pending;
  const runDue = (announce: boolean) => due.run(announce);

  // Opening the screen is one of the moments due cases move to the archive (besides sign-in).
  useEffect(() => {
    if (!mayRunDue || ranOnOpen.current) return;
    ranOnOpen.current = true;
    void runDue(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mayRunDue]);

  const items = [
    mayRead ? { key: 'search', label: t('archive.tabs.search'), children: <SearchTab onNavigate={onNavigate} /> } : null,
    mayManage ? { key: 'due', label: t('archive.tabs.due'), children: <DueTab /> } : null,
    mayApprove ? { key: 'approvals', label: t('archive.tabs.approvals'), children: <ApprovalsTab /> } : null,
    mayManage ? { key: 'holds', label: t('archive.tabs.holds'), children: <HoldsTab /> } : null,
    mayApprove ? { key: 'records', label: t('archive.tabs.records'), children: <RecordsTab /> } : null,
    mayManage ? { key: 'settings', label: t('archive.tabs.settings'), children: <SettingsCard /> } : null,
  ].filter((item) => item !== null);

  return (
    <Card
      title={t('archive.title')}
      extra={
        mayRunDue ? (
          <Button onClick={() => void runDue(true)} loading={running}>
            {t('archive.runDue')}
          </Button>
        ) : null
      }
    >
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}

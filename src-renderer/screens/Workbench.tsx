import { SafetyCertificateOutlined, TeamOutlined, UserOutlined, DesktopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { channels } from '../../src-shared/contract';
import { useCallQuery } from '../api/queries';
import { RoleTags } from '../components/RoleTags';
import { errorMessage } from '../i18n/errors';
import { AlertsPanel } from '../components/AlertsPanel';
import { TodayPanel } from '../components/calendar/TodayPanel';
import { CrisisWorkbenchPanel } from '../components/crisis/CrisisWorkbenchPanel';
import { OpenDecisionsCard } from '../components/leadership/OpenDecisionsCard';
import { TasksPanel } from '../components/followups/TasksPanel';
import { UnownedPanel } from '../components/followups/UnownedPanel';
import { KeyAttentionPanel } from '../components/keyattention/KeyAttentionPanel';
import { MyCasesPanel } from '../components/cases/MyCasesPanel';
import { NotesPanel } from '../components/notes/NotesPanel';
import { SyncStatusCard } from '../components/sync/SyncStatusCard';
import { RiskElsewherePanel } from '../components/sync/RiskElsewhere';
import { TriagePanel } from '../components/reports/TriagePanel';
import { GettingStartedCard } from '../components/workbench/GettingStartedCard';
import type { Navigate } from '../router';
import { useCan, useSession } from '../session';
import type { ReactNode } from 'react';

/** A card's title: its icon, then the words. */
const iconTitle = (icon: ReactNode, text: string) => (
  <>
    {icon} {text}
  </>
);

function AccountsCard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const accounts = useCallQuery('accounts.list', {});
  const list = accounts.data ?? [];
  const active = list.filter((a) => !a.disabled).length;
  return (
    <Card
      title={iconTitle(<TeamOutlined />, t('workbench.accounts.title'))}
      extra={
        <Button type="link" onClick={() => onNavigate('accounts')}>
          {t('workbench.accounts.manage')}
        </Button>
      }
    >
      {accounts.isError ? <Alert type="error" showIcon title={errorMessage(accounts.error, t)} /> : null}
      {accounts.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Row gutter={16}>
          <Col span={6}>
            <Statistic title={t('workbench.accounts.total')} value={list.length} />
          </Col>
          <Col span={6}>
            <Statistic title={t('workbench.accounts.active')} value={active} />
          </Col>
          <Col span={6}>
            <Statistic title={t('workbench.accounts.disabled')} value={list.length - active} />
          </Col>
          <Col span={6}>
            <Statistic title={t('workbench.accounts.mustChange')} value={list.filter((a) => !a.disabled && a.mustChangePassword).length} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** The start page: who is signed in, this workstation's state, and (for admins) the accounts. */
export function Workbench({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const settings = useCallQuery('settings.get', {});
  const about = useCallQuery('system.about', {});
  const canManageAccounts = useCan(channels['accounts.list'].permission);
  const canSeeAlerts = useCan(channels['alerts.list'].permission);

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('workbench.greeting', { name: session.displayName })}
      </Typography.Title>
      <Typography.Paragraph>
        {t('workbench.rolesLine')} <RoleTags roles={session.roles} />
      </Typography.Paragraph>
      <GettingStartedCard onNavigate={onNavigate} />
      {canSeeAlerts ? <AlertsPanel onNavigate={onNavigate} /> : null}
      {/* The person's day: each panel shows itself only to roles that may see it. */}
      <CrisisWorkbenchPanel onNavigate={onNavigate} />
      <OpenDecisionsCard onNavigate={onNavigate} />
      <RiskElsewherePanel onNavigate={onNavigate} />
      <UnownedPanel onNavigate={onNavigate} />
      <TodayPanel onNavigate={onNavigate} />
      <NotesPanel onNavigate={onNavigate} />
      <TriagePanel onNavigate={onNavigate} />
      <MyCasesPanel onNavigate={onNavigate} />
      <TasksPanel onNavigate={onNavigate} />
      <KeyAttentionPanel onNavigate={onNavigate} />
      <SyncStatusCard onNavigate={onNavigate} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={iconTitle(<UserOutlined />, t('workbench.account.title'))} style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'displayName', label: t('workbench.account.displayName'), children: session.displayName },
                { key: 'username', label: t('workbench.account.username'), children: <Typography.Text code>{session.username}</Typography.Text> },
                { key: 'roles', label: t('workbench.account.roles'), children: <RoleTags roles={session.roles} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={iconTitle(<DesktopOutlined />, t('workbench.workstation.title'))} style={{ height: '100%' }}>
            {settings.isError ? <Alert type="error" showIcon title={errorMessage(settings.error, t)} /> : null}
            {settings.isPending ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'school', label: t('workbench.workstation.schoolName'), children: settings.data?.schoolName ?? '' },
                  {
                    key: 'idle',
                    label: t('workbench.workstation.idleLock'),
                    children: t('workbench.workstation.idleLockValue', { minutes: settings.data?.idleLockMinutes ?? session.idleLockMinutes }),
                  },
                  {
                    key: 'encrypted',
                    label: t('workbench.workstation.encrypted'),
                    children: about.data ? (
                      <Tag icon={<SafetyCertificateOutlined />} color={about.data.encrypted ? 'green' : 'red'}>
                        {about.data.encrypted ? t('common.yes') : t('common.no')} · {about.data.cipher}
                      </Tag>
                    ) : (
                      '…'
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        {canManageAccounts ? (
          <Col span={24}>
            <AccountsCard onNavigate={onNavigate} />
          </Col>
        ) : null}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('workbench.lockHint')}
      </Typography.Paragraph>
    </>
  );
}

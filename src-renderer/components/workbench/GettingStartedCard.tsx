import { CheckCircleFilled, RocketOutlined } from '@ant-design/icons';
import { Button, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GettingStartedStep } from '../../../src-shared/contract/getting-started';
import { useCallQuery } from '../../api/queries';
import type { Navigate, Route } from '../../router';
import { useSession } from '../../session';
import { WorkbenchCard } from './WorkbenchCard';

/** The page each step is done on. */
const STEP_ROUTE: Record<GettingStartedStep, Route> = {
  roster: 'roster',
  accounts: 'accounts',
  backupFolder: 'backup',
  schoolServer: 'sync',
  crisisLines: 'settings',
};

const dismissKey = (accountId: string) => `counsel.gettingStarted.dismissed.${accountId}`;

function readDismissed(accountId: string): boolean {
  try {
    return globalThis.localStorage?.getItem(dismissKey(accountId)) === '1';
  } catch {
    return false;
  }
}

/**
 * The first week's steps on the workbench. The core says which steps this account may do and
 * which are done (from the store), so a step done anywhere ticks itself off. The card goes away
 * when every step is done, or when the person dismisses it (remembered on this computer).
 */
export function GettingStartedCard({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [dismissed, setDismissed] = useState(() => readDismissed(session.accountId));
  const steps = useCallQuery('system.gettingStarted', {}, { enabled: !dismissed });
  const list = steps.data ?? [];
  if (dismissed || list.length === 0 || list.every((entry) => entry.done)) return null;

  const dismiss = () => {
    try {
      globalThis.localStorage?.setItem(dismissKey(session.accountId), '1');
    } catch {
      // Not kept across restarts then; hidden for now anyway.
    }
    setDismissed(true);
  };

  return (
    <WorkbenchCard
      testId="getting-started"
      small
      icon={<RocketOutlined />}
      title={t('onboarding.gettingStarted.title')}
      link={{ label: t('onboarding.gettingStarted.dismiss'), onClick: dismiss }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('onboarding.gettingStarted.intro')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={list}
        renderItem={(entry) => (
          <List.Item
            data-testid={`getting-started-${entry.step}`}
            data-done={entry.done ? 'true' : 'false'}
            actions={[
              <Button key="open" type="link" size="small" onClick={() => onNavigate(STEP_ROUTE[entry.step])}>
                {t('onboarding.gettingStarted.open')}
              </Button>,
            ]}
          >
            <span>
              {entry.done ? (
                <CheckCircleFilled style={{ color: '#389e0d', marginInlineEnd: 8 }} aria-label={t('onboarding.gettingStarted.done')} />
              ) : (
                <span
                  aria-hidden
                  style={{
                    display: 'inline-block',
                    width: 14,
                    height: 14,
                    border: '1px solid #8c8c8c',
                    borderRadius: 7,
                    marginInlineEnd: 8,
                    verticalAlign: -2,
                  }}
                />
              )}
              <Typography.Text delete={entry.done} type={entry.done ? 'secondary' : undefined}>
                {t(`onboarding.gettingStarted.steps.${entry.step}`)}
              </Typography.Text>
            </span>
          </List.Item>
        )}
      />
    </WorkbenchCard>
  );
}

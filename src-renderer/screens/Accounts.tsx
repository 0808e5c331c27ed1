import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../src-shared/contract';
import { call } from '../api/client';
import { useCallQuery } from '../api/queries';
import { CreateAccountModal, DisableAccountModal, EditAccountModal, TemporaryPasswordModal } from '../components/AccountModals';
import { RoleTags } from '../components/RoleTags';
import { errorMessage } from '../i18n/errors';
import { useSession } from '../session';
import { localTime } from '../../src-shared/labels/local-time';
import { listTableProps } from '../api/list-table';
import { ErrorAlert } from '../components/ErrorAlert';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; account: Account }
  | { kind: 'reset'; account: Account }
  | { kind: 'enable'; account: Account }
  | { kind: 'disable'; account: Account }
  | null;

function AccountState({ account }: { account: Account }) {
  const { t } = useTranslation();
  if (account.disabled) return <Tag color="default">{t('accounts.states.disabled')}</Tag>;
  return (
    <>
      <Tag color="green">{t('accounts.states.active')}</Tag>
      {!account.hasKeySlot ? <Tag color="red">{t('accounts.states.noKeySlot')}</Tag> : null}
      {account.hasKeySlot && account.mustChangePassword ? <Tag color="orange">{t('accounts.states.mustChange')}</Tag> : null}
    </>
  );
}

/** Accounts (administrators only): list, create, edit, reset password, disable and enable. */
export function Accounts() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session, updateSession } = useSession();
  const accounts = useCallQuery('accounts.list', {});
  const [dialog, setDialog] = useState<Dialog>(null);
  const afterSave =
    (key: 'accounts.created' | 'accounts.updated' | 'accounts.enabledDone' | 'accounts.passwordReset' | 'accounts.disabledDone') =>
    async (account: Account) => {
      setDialog(null);
      void message.success(t(key, { name: account.displayName }));
      if (account.id === session.accountId) {
        // One's own name or roles changed: the menu must follow.
        const status = await call('app.status', {});
        if (status.session) updateSession(status.session);
      }
    };

  const columns: ColumnsType<Account> = [
    {
      title: t('fields.username'),
      dataIndex: 'username',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (username: string, account) => (
        <>
          <Typography.Text code>{username}</Typography.Text>
          {account.id === session.accountId ? <Typography.Text type="secondary">{t('accounts.you')}</Typography.Text> : null}
        </>
      ),
    },
    { title: t('fields.displayName'), dataIndex: 'displayName', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
    { title: t('fields.roles'), dataIndex: 'roles', render: (roles: Account['roles']) => <RoleTags roles={roles} /> },
    { title: t('fields.department'), dataIndex: 'department', render: (department: string | null) => department ?? '' },
    {
      title: t('notes.accounts.supervisor'),
      dataIndex: 'supervisorId',
      render: (supervisorId: string | null | undefined) => (supervisorId ? (accounts.data?.find((a) => a.id === supervisorId)?.displayName ?? '') : ''),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    { title: t('accounts.state'), key: 'state', render: (_, account) => <AccountState account={account} /> },
    {
      title: t('accounts.createdAt'),
      dataIndex: 'createdAt',
      render: (value: string) => localTime(value),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, account) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', account })}>
            {t('common.edit')}
          </Button>
          {!account.disabled ? (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', account })}>
              {t('accounts.resetPassword')}
            </Button>
          ) : null}
          {!account.disabled && account.id !== session.accountId ? (
            // The dialog lists the account's open work and asks for successors (issue 14 item 10).
            <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'disable', account })}>
              {t('accounts.disable')}
            </Button>
          ) : null}
          {account.disabled ? (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'enable', account })}>
              {t('accounts.enable')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('accounts.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
          {t('accounts.create')}
        </Button>
      }
    >
      <ErrorAlert message={accounts.isError ? errorMessage(accounts.error, t) : null} />
      <Table<Account> {...listTableProps(accounts, t('accounts.empty'))} columns={columns} scroll={{ x: 900 }} />
      {dialog?.kind === 'create' ? <CreateAccountModal onClose={() => setDialog(null)} onCreated={afterSave('accounts.created')} /> : null}
      {dialog?.kind === 'edit' ? <EditAccountModal account={dialog.account} onClose={() => setDialog(null)} onSaved={afterSave('accounts.updated')} /> : null}
      {dialog?.kind === 'disable' ? (
        <DisableAccountModal account={dialog.account} onClose={() => setDialog(null)} onDisabled={afterSave('accounts.disabledDone')} />
      ) : null}
      {dialog?.kind === 'reset' || dialog?.kind === 'enable' ? (
        <TemporaryPasswordModal
          account={dialog.account}
          mode={dialog.kind}
          onClose={() => setDialog(null)}
          onSaved={afterSave(dialog.kind === 'enable' ? 'accounts.enabledDone' : 'accounts.passwordReset')}
        />
      ) : null}
    </Card>
  );
}

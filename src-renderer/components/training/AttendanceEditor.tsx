import { App, Button, Checkbox, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { PersonPicker } from '../network/PersonPicker';
import { personKeyOf, sourceOf, type AttendeeRow, type EditedAttendee } from './labels';

/**
 * 出勤名单: people from the accounts, the work network register (when the account may read it)
 * or typed in, each ticked attended or not. Saved as one list (training.setAttendance).
 */
export function AttendanceEditor({
  sessionId,
  attendees,
  canEdit,
  onOpenHistory,
}: {
  sessionId: string;
  attendees: AttendeeRow[];
  canEdit: boolean;
  onOpenHistory: (personKey: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<EditedAttendee[]>(() =>
    attendees.map(({ accountId, registerPersonId, name, attended }) => ({ accountId, registerPersonId, name, attended })),
  );
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const accounts = useCallQuery('training.accounts', {}, { enabled: canEdit });
  // The work network register (工作网络): 心理委员, 班主任 and others without an account.
  const mayReadRegister = useCan('network.read') && canEdit;

  const addPerson = (person: EditedAttendee) => {
    if (rows.some((row) => personKeyOf(row) === personKeyOf(person))) {
      setError(t('training.attendance.duplicate', { name: person.name }));
      return;
    }
    setError(null);
    setRows((current) => [...current, person]);
  };

  const saveAction = useAction(() => call('training.setAttendance', { id: sessionId, attendees: rows }), {
    onSuccess: (saved) => void message.success(t('training.attendance.saved', { attended: saved.attended, invited: saved.invited })),
  });
  const save = () => {
    setError(null);
    return saveAction.run();
  };

  return (
    <div data-testid="attendance-editor">
      <Typography.Title level={5}>{t('training.attendance.title')}</Typography.Title>
      {canEdit ? (
        <>
          <Typography.Paragraph type="secondary">{t('training.attendance.intro')}</Typography.Paragraph>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Select
              showSearch
              style={{ minWidth: 200 }}
              aria-label={t('training.attendance.account')}
              placeholder={t('training.attendance.accountPlaceholder')}
              value={null}
              optionFilterProp="label"
              options={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
              onChange={(id: string) => {
                const account = accounts.data?.find((a) => a.id === id);
                if (account) addPerson({ accountId: account.id, registerPersonId: null, name: account.displayName, attended: true });
              }}
            />
            {mayReadRegister ? (
              <PersonPicker
                aria-label={t('training.attendance.kinds.register')}
                placeholder={t('training.attendance.registerPlaceholder')}
                value={null}
                style={{ minWidth: 280 }}
                onChange={(_value, picked) => {
                  if (picked?.person)
                    addPerson({ accountId: picked.person.accountId, registerPersonId: picked.person.id, name: picked.person.name, attended: true });
                }}
              />
            ) : null}
            <Input
              style={{ width: 200 }}
              aria-label={t('training.attendance.name')}
              placeholder={t('training.attendance.namePlaceholder')}
              value={typed}
              maxLength={TEXT_MAX.personName}
              onChange={(event) => setTyped(event.target.value)}
              onPressEnter={() => {
                if (typed.trim()) addPerson({ accountId: null, registerPersonId: null, name: typed.trim(), attended: true });
                setTyped('');
              }}
            />
            <Button
              onClick={() => {
                if (typed.trim()) addPerson({ accountId: null, registerPersonId: null, name: typed.trim(), attended: true });
                setTyped('');
              }}
            >
              {t('training.attendance.add')}
            </Button>
          </Flex>
        </>
      ) : null}
      <ErrorAlert message={error ?? saveAction.error} />
      <Table<EditedAttendee>
        size="small"
        rowKey={(row) => personKeyOf(row)}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('training.attendance.empty') }}
        columns={[
          {
            title: t('training.attendance.person'),
            dataIndex: 'name',
            render: (name: string, row) =>
              attendees.some((a) => a.personKey === personKeyOf(row)) ? (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpenHistory(personKeyOf(row))}>
                  {name}
                </Button>
              ) : (
                name
              ),
          },
          { title: t('training.attendance.kind'), key: 'kind', render: (_: unknown, row) => <Tag>{t(`training.attendance.kinds.${sourceOf(row)}`)}</Tag> },
          {
            title: t('training.attendance.attended'),
            dataIndex: 'attended',
            align: 'center',
            render: (attended: boolean, row) => (
              <Checkbox
                checked={attended}
                disabled={!canEdit}
                aria-label={`${t('training.attendance.attended')} ${row.name}`}
                onChange={(event) =>
                  setRows((current) => current.map((r) => (personKeyOf(r) === personKeyOf(row) ? { ...r, attended: event.target.checked } : r)))
                }
              />
            ),
          },
          ...(canEdit
            ? [
                {
                  key: 'remove',
                  render: (_: unknown, row: EditedAttendee) => (
                    <Button type="link" size="small" onClick={() => setRows((current) => current.filter((r) => personKeyOf(r) !== personKeyOf(row)))}>
                      {t('training.attendance.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canEdit ? (
        <Button type="primary" style={{ marginTop: 12 }} loading={saveAction.pending} onClick={() => void save()}>
          {t('training.attendance.save')}
        </Button>
      ) : null}
    </div>
  );
}

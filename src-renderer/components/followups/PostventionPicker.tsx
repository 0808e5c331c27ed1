import { Button, Flex, InputNumber, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POSTVENTION_DUE_DAYS } from '../../../src-shared/contract/followups';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';

/** 危机后干预: roommates and classmates of the student; each chosen one gets a screening task. */
export function PostventionPicker({ eventId, studentId }: { eventId?: string; studentId: string }) {
  const { t } = useTranslation();
  const [toast, holder] = message.useMessage();
  const peers = useCallQuery('postvention.peers', eventId ? { eventId } : { studentId });
  const [chosen, setChosen] = useState<string[]>([]);
  const [dueInDays, setDueInDays] = useState<number>(POSTVENTION_DUE_DAYS.default);
  const rows = peers.data?.peers ?? [];
  type Peer = (typeof rows)[number];

  const screening = useWrite('postvention.screen', {
    onSuccess: (result) => {
      setChosen([]);
      void toast.success(
        result.skipped
          ? t('followups.postvention.doneSkipped', { created: result.created.length, skipped: result.skipped })
          : t('followups.postvention.done', { created: result.created.length }),
      );
    },
  });
  const { pending, error } = screening;
  const screen = () => screening.run({ ...(eventId ? { eventId } : { studentId }), peerIds: chosen, dueInDays });

  return (
    <Flex vertical gap={8} data-testid="postvention">
      {holder}
      <Typography.Text strong>{t('followups.postvention.title')}</Typography.Text>
      <Typography.Text type="secondary">{t('followups.postvention.hint')}</Typography.Text>
      <ErrorAlert message={error ?? (peers.isError ? errorMessage(peers.error, t) : null)} />
      <Table<Peer>
        rowKey="id"
        size="small"
        loading={peers.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('followups.postvention.none') }}
        rowSelection={{
          selectedRowKeys: chosen,
          onChange: (keys) => setChosen(keys as string[]),
          getCheckboxProps: (p) => ({ disabled: p.hasOpenTask, 'aria-label': p.name }),
        }}
        columns={[
          { key: 'name', title: t('followups.fields.student'), render: (_: unknown, p: Peer) => `${p.name}（${p.studentNo}）` },
          {
            key: 'relations',
            title: '',
            render: (_: unknown, p: Peer) => p.relations.map((r) => <Tag key={r}>{t(`followups.postvention.relations.${r}`)}</Tag>),
          },
          { key: 'dorm', title: t('followups.postvention.dorm'), dataIndex: 'dorm' },
          { key: 'class', title: t('followups.postvention.className'), dataIndex: 'className' },
          { key: 'task', title: '', render: (_: unknown, p: Peer) => (p.hasOpenTask ? <Tag color="blue">{t('followups.postvention.hasTask')}</Tag> : null) },
        ]}
      />
      <Flex gap={8} align="center">
        <span>{t('followups.postvention.dueInDays')}</span>
        <InputNumber
          min={POSTVENTION_DUE_DAYS.min}
          max={POSTVENTION_DUE_DAYS.max}
          precision={0}
          value={dueInDays}
          onChange={(v) => setDueInDays(v ?? POSTVENTION_DUE_DAYS.default)}
          aria-label={t('followups.postvention.dueInDays')}
        />
        <Button type="primary" disabled={chosen.length === 0} loading={pending} onClick={() => void screen()}>
          {t('followups.postvention.screen')}
        </Button>
      </Flex>
    </Flex>
  );
}

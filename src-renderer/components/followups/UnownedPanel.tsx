import { ExclamationCircleOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Flex, Form, List, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenWorkItem, OpenWorkKind } from '../../../src-shared/contract/followups';
import { call } from '../../api/client';
import { useAction, useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useSession } from '../../session';
import { shownOnlyWith } from '../shownOnlyWith';
import { ErrorAlert } from '../ErrorAlert';
import { FormModal } from '../FormModal';
import { WorkGroupTitle, WorkItemLine } from './work-items';

/** Items shown per kind on the workbench; the rest are counted. */
const SHOWN = 5;
const LIAISON_MAY_TAKE: readonly OpenWorkKind[] = ['tasks', 'crisisSteps'];

/**
 * 无人负责 on the workbench (issue 14 items 10 and 11): open work nobody can be expected to do.
 * The director sees all of it and may take it or name someone; an event's owner sees its
 * department steps no liaison can do. Shows nothing while there is nothing.
 */
export const UnownedPanel = shownOnlyWith('crisis.manage', Panel);

function Panel({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const director = useSession().session.roles.includes('director');
  const unowned = useCallQuery('followups.unowned', {});
  const [assigning, setAssigning] = useState<OpenWorkItem | null>(null);
  const [takingId, setTakingId] = useState<string | null>(null);
  // Everything a take-over changes refetches from store.changed; a refusal is a message, the panel stays as it was.
  const takeOver = useWrite('followups.takeOver', {
    onSuccess: (_taken, input) => void message.success(t(input.accountId ? 'followups.unowned.assigned' : 'followups.unowned.taken')),
    onError: (failure) => void message.error(errorMessage(failure, t)),
  });
  const groups = unowned.data?.groups ?? [];
  // Nothing while loading or when there is nothing: the panel appears only with work to show (or an error).
  if (unowned.isPending || (unowned.isSuccess && groups.length === 0)) return null;
  const total = groups.reduce((sum, g) => sum + g.count, 0);

  const take = (item: OpenWorkItem) => {
    setTakingId(item.id);
    return takeOver.run({ kind: item.kind, id: item.id });
  };
  const open = (item: OpenWorkItem) => {
    if (item.eventId) onNavigate('crisisEvent', item.eventId);
    else if (item.kind === 'censusFollowups') onNavigate('census');
    else if (item.kind === 'cases') onNavigate('case', item.id);
    else if (item.student) onNavigate('student', item.student.id);
  };

  return (
    <Card
      size="small"
      data-testid="unowned-panel"
      style={{ marginBottom: 16, border: '2px solid #fa8c16' }}
      title={
        <Flex align="center" gap={8}>
          <ExclamationCircleOutlined style={{ color: '#d46b08' }} />
          {t('followups.unowned.title')}
          <Badge count={total} color="#d46b08" overflowCount={999} />
        </Flex>
      }
    >
      {unowned.isError ? <ErrorAlert message={errorMessage(unowned.error, t)} /> : null}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('followups.unowned.hint')}
      </Typography.Paragraph>
      {groups.map((group) => (
        <div key={group.kind} data-testid={`unowned-${group.kind}`} style={{ marginBottom: 12 }}>
          <Flex justify="space-between" align="center" wrap>
            <WorkGroupTitle group={group} />
            {group.kind === 'censusFollowups' ? (
              <Button type="link" size="small" onClick={() => onNavigate('census')}>
                {t('followups.unowned.openCensus')}
              </Button>
            ) : null}
          </Flex>
          <List
            size="small"
            dataSource={group.items.slice(0, SHOWN)}
            renderItem={(item) => (
              <List.Item
                actions={[
                  <Button key="open" type="link" size="small" onClick={() => open(item)}>
                    {t('followups.unowned.openItem')}
                  </Button>,
                  <Button key="take" type="link" size="small" loading={takeOver.pending && takingId === item.id} onClick={() => void take(item)}>
                    {t('followups.unowned.take')}
                  </Button>,
                  ...(director
                    ? [
                        <Button key="assign" type="link" size="small" onClick={() => setAssigning(item)}>
                          {t('followups.unowned.assign')}
                        </Button>,
                      ]
                    : []),
                ]}
              >
                <WorkItemLine item={item} showReason />
              </List.Item>
            )}
          />
          {group.count > SHOWN ? <Typography.Text type="secondary">{t('followups.handover.more', { count: group.count - SHOWN })}</Typography.Text> : null}
        </div>
      ))}
      {assigning ? (
        <AssignModal
          item={assigning}
          onClose={() => setAssigning(null)}
          onAssign={async (accountId) => {
            await call('followups.takeOver', { kind: assigning.kind, id: assigning.id, accountId });
            void message.success(t('followups.unowned.assigned'));
            setAssigning(null);
          }}
        />
      ) : null}
    </Card>
  );
}

/** The director names who takes an item: clinicians, and for tasks and steps the student's department liaisons. */
function AssignModal({ item, onClose, onAssign }: { item: OpenWorkItem; onClose: () => void; onAssign: (accountId: string) => Promise<void> }) {
  const { t } = useTranslation();
  const people = useCallQuery('followups.assignees', {});
  const [form] = Form.useForm<{ accountId?: string }>();
  const assign = useAction(onAssign);
  const options = (people.data ?? [])
    .filter((p) => p.kind === 'clinical' || (LIAISON_MAY_TAKE.includes(item.kind) && p.department !== null && p.department === item.student?.department))
    .map((p) => ({ value: p.id, label: p.department ? `${p.displayName}（${p.department}）` : p.displayName }));
  return (
    <FormModal<{ accountId?: string }>
      title={t('followups.unowned.assignTitle')}
      form={form}
      onSubmit={({ accountId }) => (accountId ? assign.run(accountId) : undefined)}
      onClose={onClose}
      pending={assign.pending}
      error={assign.error}
      before={
        <Typography.Paragraph>
          <WorkItemLine item={item} showReason />
        </Typography.Paragraph>
      }
    >
      <Form.Item name="accountId" label={t('followups.handover.successor')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select showSearch optionFilterProp="label" options={options} loading={people.isPending} aria-label={t('followups.handover.successor')} />
      </Form.Item>
    </FormModal>
  );
}

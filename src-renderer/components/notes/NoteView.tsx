import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Divider, Empty, Flex, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addendumBodySchema, NOTE_LIMITS, unlockReasonSchema, type Note, type NoteTemplate } from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { noteTopicLabel, topicLanguage } from '../../../src-shared/labels/note-topic-labels';
import { useCan, useSession } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { FormModal } from '../FormModal';
import { NoteStatusTags, RiskTag } from './note-common';
import { noteSectionLabel } from '../../../src-shared/labels/builtin-words';
import { localTime } from '../../../src-shared/labels/local-time';
import { isDirector } from '../../../src-shared/permissions';

function AddendumForm({ note, onAdded }: { note: Note; onAdded: (note: Note) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const add = useWrite('notes.addAddendum', {
    onSuccess: (updated) => {
      form.resetFields();
      void message.success(t('notes.addenda.added'));
      onAdded(updated);
    },
  });
  const pending = add.pending;
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={({ body }) => void add.run({ id: note.id, body: body.trim() })} disabled={pending}>
      <ErrorAlert message={add.error} />
      <Form.Item
        name="body"
        label={t('notes.addenda.label')}
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              if (!value?.trim()) throw new Error(t('notes.editor.required'));
              if (!addendumBodySchema.safeParse(value).success) throw new Error(t('notes.editor.tooLong', { max: NOTE_LIMITS.addendumMax }));
            },
          },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Button htmlType="submit" loading={pending}>
        {t('notes.addenda.add')}
      </Button>
    </Form>
  );
}

function UnlockModal({ note, onClose, onUnlocked }: { note: Note; onClose: () => void; onUnlocked: (note: Note) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const unlock = useWrite('notes.unlock', { onSuccess: (updated) => onUnlocked(updated) });
  return (
    <FormModal<{ reason: string }>
      title={t('notes.unlock.title')}
      okText={t('notes.unlock.action')}
      okDanger
      form={form}
      onSubmit={({ reason }) => unlock.run({ id: note.id, reason: reason.trim() })}
      onClose={onClose}
      pending={unlock.pending}
      error={unlock.error}
      before={<Typography.Paragraph type="secondary">{t('notes.unlock.intro')}</Typography.Paragraph>}
    >
      <Form.Item
        name="reason"
        label={t('notes.unlock.reason')}
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              if (!unlockReasonSchema.safeParse(value ?? '').success) throw new Error(t('notes.unlock.reasonTooShort', { min: NOTE_LIMITS.reasonMin }));
            },
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={NOTE_LIMITS.reasonMax} autoFocus />
      </Form.Item>
    </FormModal>
  );
}

/**
 * A note that is not the reader's to edit (signed, awaiting co-signature, someone else's draft):
 * its content, the risk re-check, who signed, its addenda, and the actions the reader may take.
 */
export function NoteView({
  note,
  template,
  caseCounselorId,
  onChanged,
}: {
  note: Note;
  template: NoteTemplate | undefined;
  caseCounselorId?: string;
  onChanged?: (note: Note) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = topicLanguage(i18n.language);
  const { message } = App.useApp();
  const { session } = useSession();
  const canUnlock = useCan('notes.unlock');
  const director = isDirector(session.roles);
  const [unlocking, setUnlocking] = useState(false);
  const label = (id: string) => {
    const section = template?.sections.find((s) => s.id === id);
    return section ? noteSectionLabel(section, i18n.language) : id;
  };
  const order = [
    ...(template?.sections.map((s) => s.id) ?? []).filter((id) => id in note.body),
    ...Object.keys(note.body).filter((id) => !template?.sections.some((s) => s.id === id)),
  ];
  const mayAddAddendum = note.status === 'signed' && (director || note.author.id === session.accountId || caseCounselorId === session.accountId);
  const mayCosign = note.status === 'awaiting_cosign' && (director || note.cosigner?.id === session.accountId);

  const changed = async (updated: Note) => {
    onChanged?.(updated);
  };
  const cosign = useWrite('notes.cosign', {
    onSuccess: async (updated) => {
      void message.success(t('notes.cosign.done'));
      await changed(updated);
    },
  });

  return (
    <div data-testid="note-view">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <NoteStatusTags note={note} />
          {note.status === 'signed' || note.status === 'awaiting_cosign' ? (
            <Typography.Text type="secondary">
              <LockOutlined /> {t('notes.view.lockedHint')}
            </Typography.Text>
          ) : null}
        </Space>
        <Space>
          {canUnlock && note.status === 'signed' ? (
            <Button danger icon={<UnlockOutlined />} onClick={() => setUnlocking(true)}>
              {t('notes.unlock.action')}
            </Button>
          ) : null}
          {mayCosign ? (
            <Popconfirm
              title={t('notes.cosign.confirm')}
              okText={t('notes.cosign.action')}
              cancelText={t('common.cancel')}
              onConfirm={() => cosign.run({ id: note.id })}
            >
              <Button type="primary" loading={cosign.pending}>
                {t('notes.cosign.action')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Flex>
      <ErrorAlert message={cosign.error} />
      <Descriptions
        column={2}
        size="small"
        style={{ marginTop: 12 }}
        items={[
          { key: 'sessionAt', label: t('notes.fields.sessionAt'), children: localTime(note.sessionAt) },
          { key: 'mode', label: t('notes.fields.mode'), children: t(`notes.modes.${note.mode}`) },
          { key: 'minutes', label: t('notes.fields.minutes'), children: note.minutes },
          { key: 'author', label: t('notes.fields.author'), children: note.author.displayName },
          {
            key: 'topicCategories',
            label: t('notes.fields.topicCategories'),
            span: 2,
            children: note.topicCategories.map((key) => (
              <Tag key={key} color="blue">
                {key === 'other' && note.topicOther ? `${noteTopicLabel(key, lang)}：${note.topicOther}` : noteTopicLabel(key, lang)}
              </Tag>
            )),
          },
          { key: 'topics', label: t('notes.fields.topics'), span: 2, children: note.topics.map((topic) => <Tag key={topic}>{topic}</Tag>) },
        ]}
      />
      {order.map((id) => (
        <div key={id} style={{ marginTop: 12 }}>
          <Typography.Title level={5}>{label(id)}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} type={note.body[id]?.trim() ? undefined : 'secondary'}>
            {note.body[id]?.trim() ? note.body[id] : t('notes.view.emptySection')}
          </Typography.Paragraph>
        </div>
      ))}
      <Divider titlePlacement="start">{t('notes.fields.riskCheck')}</Divider>
      {note.riskCheck ? (
        <Descriptions
          column={3}
          size="small"
          items={[
            { key: 'level', label: t('notes.fields.riskLevel'), children: <RiskTag level={note.riskCheck.level} /> },
            { key: 'si', label: t('notes.fields.suicidalIdeation'), children: t(note.riskCheck.suicidalIdeation ? 'notes.yes' : 'notes.no') },
            { key: 'sh', label: t('notes.fields.selfHarm'), children: t(note.riskCheck.selfHarm ? 'notes.yes' : 'notes.no') },
            ...(note.riskCheck.comment ? [{ key: 'comment', label: t('notes.fields.riskComment'), span: 3, children: note.riskCheck.comment }] : []),
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('notes.view.noRiskCheck')}</Typography.Text>
      )}
      <Flex vertical gap={4} style={{ marginTop: 12 }}>
        {note.signedBy && note.signedAt ? (
          <Typography.Text type="secondary">{t('notes.view.signedBy', { name: note.signedBy.displayName, at: localTime(note.signedAt) })}</Typography.Text>
        ) : null}
        {note.status === 'awaiting_cosign' && note.cosigner ? (
          <Typography.Text type="warning">{t('notes.view.awaitingCosign', { name: note.cosigner.displayName })}</Typography.Text>
        ) : null}
        {note.cosigner && note.cosignedAt ? (
          <Typography.Text type="secondary">{t('notes.view.cosignedBy', { name: note.cosigner.displayName, at: localTime(note.cosignedAt) })}</Typography.Text>
        ) : null}
        {note.unlockedBy && note.unlockedAt ? (
          <Alert
            type="info"
            showIcon
            title={t('notes.view.unlocked', { name: note.unlockedBy.displayName, at: localTime(note.unlockedAt), reason: note.unlockReason ?? '' })}
          />
        ) : null}
      </Flex>
      <Divider titlePlacement="start">{t('notes.addenda.title')}</Divider>
      {note.addenda.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notes.addenda.empty')} />
      ) : (
        <Flex vertical gap={12} data-testid="note-addenda">
          {note.addenda.map((addendum) => (
            <div key={addendum.id}>
              <Typography.Text type="secondary">
                {t('notes.addenda.by', { name: addendum.author.displayName, at: localTime(addendum.createdAt) })}
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{addendum.body}</Typography.Paragraph>
            </div>
          ))}
        </Flex>
      )}
      {mayAddAddendum ? (
        <div style={{ marginTop: 12 }}>
          <AddendumForm note={note} onAdded={changed} />
        </div>
      ) : null}
      {unlocking ? (
        <UnlockModal
          note={note}
          onClose={() => setUnlocking(false)}
          onUnlocked={async (updated) => {
            setUnlocking(false);
            void message.success(t('notes.unlock.done'));
            await changed(updated);
          }}
        />
      ) : null}
    </div>
  );
}

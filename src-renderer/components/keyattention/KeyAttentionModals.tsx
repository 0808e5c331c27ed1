import { parsePick, PersonPicker } from '../network/PersonPicker';
import { Alert, Button, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { isSubstantialNote } from '../../../src-shared/contract/actions';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { KEY_ATTENTION_REMOVAL_REASONS, type KeyAttentionEntry, type KeyAttentionRemovalReason } from '../../../src-shared/contract/keyattention';
import { rolesGrant, isDirector } from '../../../src-shared/permissions';
import { useSession } from '../../session';
import { call } from '../../api/client';
import { useAction, useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage, schemaRule } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { StudentPicker } from '../calendar/StudentPicker';
import { CounselorSelect } from '../calendar/pickers';
import { OpenCrisisButton } from '../crisis/OpenCrisisButton';
import { ErrorAlert } from '../ErrorAlert';
import { FormModal, submitsWith } from '../FormModal';
import { findLevel, LevelTag, useLevelScheme } from './levels';
import { systemReason } from '../../../src-shared/labels/builtin-words';
import { localTime } from '../../../src-shared/labels/local-time';

const reasonSchema = z.string().trim().min(1).max(TEXT_MAX.reason);
const nameSchema = z.string().trim().max(TEXT_MAX.personName);

export interface Proposal {
  studentId: string;
  name: string;
}

interface AddValues {
  studentId: string;
  level: string;
  reason: string;
  counselorId?: string | null;
  departmentCounselor?: string;
  dormWatcher?: string;
  peerCounselor?: string;
  /** `person:ID` from the work network (工作网络). */
  departmentCounselorPerson?: string | null;
  peerCounselorPerson?: string | null;
  cadenceDays?: number | null;
}

const orNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

export function AddModal({ onClose, onProposal }: { onClose: () => void; onProposal: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const levels = useLevelScheme();
  const [form] = Form.useForm<AddValues>();
  // The list, the workbench panel and the student file refetch from store.changed after each write.
  const save = useWrite('keyattention.add', {
    onSuccess: (result) => {
      onClose();
      if (result.proposeCrisis) onProposal({ studentId: result.entry.student.id, name: result.entry.student.name });
    },
  });
  const toInput = (v: AddValues) => ({
    studentId: v.studentId,
    level: v.level,
    reason: v.reason.trim(),
    responsible: {
      counselorId: v.counselorId ?? null,
      departmentCounselor: orNull(v.departmentCounselor),
      dormWatcher: orNull(v.dormWatcher),
      peerCounselor: orNull(v.peerCounselor),
      departmentCounselorPersonId: parsePick(v.departmentCounselorPerson)?.id ?? null,
      peerCounselorPersonId: parsePick(v.peerCounselorPerson)?.id ?? null,
    },
    ...(v.cadenceDays ? { cadenceDays: v.cadenceDays } : {}),
  });
  return (
    <FormModal<AddValues>
      title={t('keyattention.add.title')}
      okText={t('common.save')}
      form={form}
      {...submitsWith(save, toInput)}
      onClose={onClose}
      width={560}
      requiredMark
    >
      <Form.Item name="studentId" label={t('keyattention.fields.student')} rules={[{ required: true, message: t('validation.required') }]}>
        <StudentPicker />
      </Form.Item>
      <Form.Item name="level" label={t('keyattention.fields.level')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select aria-label={t('keyattention.fields.level')} options={levels.map((l) => ({ value: l.key, label: l.label }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('keyattention.fields.reason')} required rules={[schemaRule(reasonSchema, 'reason', t)]}>
        <Input.TextArea rows={3} maxLength={TEXT_MAX.reason} showCount />
      </Form.Item>
      <Form.Item name="counselorId" label={t('keyattention.fields.counselor')}>
        <CounselorSelect allowClear />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="departmentCounselorPerson" label={t('network.picker.departmentCounselor')} style={{ flex: 1 }}>
          <PersonPicker
            aria-label={t('network.picker.departmentCounselor')}
            filter={{ roles: ['counselor', 'department_counselor'] }}
            onChange={(_value, picked) => picked && form.setFieldValue('departmentCounselor', picked.name)}
          />
        </Form.Item>
        <Form.Item name="peerCounselorPerson" label={t('network.picker.peerCounselor')} style={{ flex: 1 }}>
          <PersonPicker
            aria-label={t('network.picker.peerCounselor')}
            filter={{ roles: ['peer_counselor'] }}
            onChange={(_value, picked) => picked && form.setFieldValue('peerCounselor', picked.name)}
          />
        </Form.Item>
      </Flex>
      <Flex gap={12}>
        <Form.Item
          name="departmentCounselor"
          label={t('keyattention.fields.departmentCounselor')}
          rules={[schemaRule(nameSchema, 'name', t, true)]}
          style={{ flex: 1 }}
        >
          <Input maxLength={TEXT_MAX.personName} />
        </Form.Item>
        <Form.Item name="dormWatcher" label={t('keyattention.fields.dormWatcher')} rules={[schemaRule(nameSchema, 'name', t, true)]} style={{ flex: 1 }}>
          <Input maxLength={TEXT_MAX.personName} />
        </Form.Item>
        <Form.Item name="peerCounselor" label={t('keyattention.fields.peerCounselor')} rules={[schemaRule(nameSchema, 'name', t, true)]} style={{ flex: 1 }}>
          <Input maxLength={TEXT_MAX.personName} />
        </Form.Item>
      </Flex>
      <Form.Item name="cadenceDays" label={t('keyattention.fields.cadence')} extra={t('keyattention.add.cadenceHint')}>
        <InputNumber min={1} max={365} precision={0} aria-label={t('keyattention.fields.cadence')} />
      </Form.Item>
    </FormModal>
  );
}

/** 复查 / 移出: one text field with a reason, then the write. */
function ReasonModal({ title, label, onClose, write }: { title: string; label: string; onClose: () => void; write: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const save = useAction(write);
  return (
    <FormModal<{ text: string }>
      title={title}
      form={form}
      onSubmit={(v) => save.run(v.text.trim())}
      onClose={onClose}
      pending={save.pending}
      error={save.error}
    >
      <Form.Item name="text" label={label} rules={[schemaRule(reasonSchema, 'reason', t)]}>
        <Input.TextArea rows={3} maxLength={TEXT_MAX.reason} showCount aria-label={label} />
      </Form.Item>
    </FormModal>
  );
}

export function ReviewModal({ entry, onClose, onDone }: { entry: KeyAttentionEntry; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  return (
    <ReasonModal
      title={`${t('keyattention.review.title')} · ${entry.student.name}`}
      label={t('keyattention.review.note')}
      onClose={onClose}
      write={async (note) => {
        const updated = await call('keyattention.review', { entryId: entry.id, note });
        onClose();
        onDone(t('keyattention.review.done', { date: updated.nextReviewOn }));
      }}
    />
  );
}

/**
 * 移出: a reason from the short list and a note. The director removes at once; the responsible
 * counselor's call becomes a request the director approves (the core decides which, and refuses
 * while the student has a crisis event under way).
 */
interface RemoveValues {
  reason: KeyAttentionRemovalReason;
  note: string;
}

export function RemoveModal({ entry, onClose, onDone }: { entry: KeyAttentionEntry; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const director = isDirector(useSession().session.roles);
  const [form] = Form.useForm<RemoveValues>();
  const remove = useWrite('keyattention.remove', {
    onSuccess: (updated) => {
      onClose();
      onDone(updated.status === 'removed' ? t('keyattention.remove.done') : t('keyattention.remove.requested'));
    },
  });
  return (
    <FormModal<RemoveValues>
      title={`${t('keyattention.remove.title')} · ${entry.student.name}`}
      okText={director ? t('common.confirm') : t('keyattention.remove.request')}
      form={form}
      {...submitsWith(remove, (v: RemoveValues) => ({ entryId: entry.id, reason: v.reason, note: v.note.trim() }))}
      onClose={onClose}
      requiredMark
      before={
        <Typography.Paragraph type="secondary">
          {director ? t('keyattention.remove.directorIntro') : t('keyattention.remove.requestIntro')}
        </Typography.Paragraph>
      }
    >
      <Form.Item
        name="reason"
        label={t('keyattention.remove.reason')}
        rules={[{ required: true, message: t('validation.messages.keyAttentionRemovalReasonUnknown') }]}
      >
        <Select
          aria-label={t('keyattention.remove.reason')}
          options={KEY_ATTENTION_REMOVAL_REASONS.map((value) => ({ value, label: t(`keyattention.remove.reasons.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('keyattention.remove.note')} rules={[substantialRule(t('validation.messages.keyAttentionRemovalNoteRequired'))]}>
        <Input.TextArea
          rows={3}
          maxLength={TEXT_MAX.reason}
          showCount
          aria-label={t('keyattention.remove.note')}
          placeholder={t('keyattention.remove.notePlaceholder')}
        />
      </Form.Item>
    </FormModal>
  );
}

/** A note that must say something ('..' or 无 is not a reason): the core checks the same. */
function substantialRule(message: string) {
  return {
    validator: async (_rule: unknown, value: string | undefined) => {
      if (!isSubstantialNote(value)) throw new Error(message);
    },
  };
}

/** A removal the responsible counselor asked for: shown on the entry; the director approves or declines with a reason. */
export function PendingRemoval({ entry, onDone }: { entry: KeyAttentionEntry; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const canDecide = rolesGrant(useSession().session.roles, 'keyattention.approve');
  const [declining, setDeclining] = useState(false);
  const approve = useWrite('keyattention.decideRemoval', { onSuccess: () => onDone(t('keyattention.removalRequest.approved')) });
  const request = entry.pendingRemoval;
  if (!request) return null;
  return (
    <div data-testid="ka-pending-removal">
      <Alert
        type="warning"
        showIcon
        title={t('keyattention.removalRequest.pending')}
        description={
          <div>
            <div>
              {t('keyattention.removalRequest.summary', {
                who: request.requestedBy?.displayName ?? '—',
                reason: t(`keyattention.remove.reasons.${request.reasonCode}`),
              })}
            </div>
            <div>{request.note}</div>
            <ErrorAlert message={approve.error} />
          </div>
        }
        action={
          canDecide ? (
            <Space direction="vertical">
              <Button size="small" type="primary" loading={approve.pending} onClick={() => void approve.run({ requestId: request.id, approve: true })}>
                {t('keyattention.removalRequest.approve')}
              </Button>
              <Button size="small" disabled={approve.pending} onClick={() => setDeclining(true)}>
                {t('keyattention.removalRequest.reject')}
              </Button>
            </Space>
          ) : null
        }
      />
      {declining ? (
        <ReasonModal
          title={`${t('keyattention.removalRequest.rejectTitle')} · ${entry.student.name}`}
          label={t('keyattention.removalRequest.rejectNote')}
          onClose={() => setDeclining(false)}
          write={async (note) => {
            await call('keyattention.decideRemoval', { requestId: request.id, approve: false, note });
            setDeclining(false);
            onDone(t('keyattention.removalRequest.rejected'));
          }}
        />
      ) : null}
    </div>
  );
}

export function ChangeLevelModal({
  entry,
  onClose,
  onDone,
  onProposal,
}: {
  entry: KeyAttentionEntry;
  onClose: () => void;
  onDone: (message: string) => void;
  onProposal: (p: Proposal) => void;
}) {
  const { t } = useTranslation();
  const levels = useLevelScheme();
  const [form] = Form.useForm<{ level: string; reason: string }>();
  const change = useWrite('keyattention.changeLevel', {
    onSuccess: (result) => {
      onClose();
      onDone(t('keyattention.changeLevel.done'));
      if (result.proposeCrisis) onProposal({ studentId: entry.student.id, name: entry.student.name });
    },
  });
  return (
    <FormModal<{ level: string; reason: string }>
      title={`${t('keyattention.changeLevel.title')} · ${entry.student.name}`}
      form={form}
      onSubmit={(v) => change.run({ entryId: entry.id, level: v.level, reason: v.reason.trim() })}
      onClose={onClose}
      pending={change.pending}
      error={change.error}
      requiredMark
    >
      <Form.Item label={t('keyattention.changeLevel.current')}>
        <LevelTag level={entry.level} levels={levels} />
      </Form.Item>
      <Form.Item name="level" label={t('keyattention.changeLevel.newLevel')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select
          aria-label={t('keyattention.changeLevel.newLevel')}
          options={levels.filter((l) => l.key !== entry.level).map((l) => ({ value: l.key, label: findLevel(levels, l.key).label }))}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('keyattention.changeLevel.reason')} required rules={[schemaRule(reasonSchema, 'reason', t)]}>
        <Input.TextArea rows={3} maxLength={TEXT_MAX.reason} showCount aria-label={t('keyattention.changeLevel.reason')} />
      </Form.Item>
    </FormModal>
  );
}

/** When a student reaches the top level the list proposes a crisis event (CRISIS.md triggers). */
export function CrisisProposal({ proposal, onClose, onNavigate }: { proposal: Proposal; onClose: () => void; onNavigate: Navigate }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('keyattention.proposal.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('keyattention.proposal.later')}</Button>}>
      <Alert
        type="warning"
        showIcon
        title={t('keyattention.proposal.body', { name: proposal.name })}
        style={{ marginBottom: 16 }}
        data-testid="ka-crisis-proposal"
      />
      <Space>
        <OpenCrisisButton studentId={proposal.studentId} onNavigate={onNavigate} />
      </Space>
    </Modal>
  );
}

export function HistoryDrawer({ entry, onClose }: { entry: KeyAttentionEntry; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const levels = useLevelScheme();
  const history = useCallQuery('keyattention.history', { entryId: entry.id });
  const label = (key: string | null) => (key ? findLevel(levels, key).label : '');
  return (
    <Drawer open title={`${t('keyattention.history.title')} · ${entry.student.name}`} onClose={onClose} size="large">
      {history.isError ? <ErrorAlert message={errorMessage(history.error, t)} /> : null}
      <Timeline
        items={(history.data ?? []).map((h) => ({
          key: h.id,
          content: (
            <div>
              <Typography.Text strong>{t(`keyattention.history.kinds.${h.kind}`)}</Typography.Text>
              {h.kind === 'level_changed' || h.kind === 'restored' || h.kind === 'added' ? (
                <Typography.Text> {[label(h.fromLevel), label(h.toLevel)].filter(Boolean).join(' → ')}</Typography.Text>
              ) : null}
              {h.reasonCode ? <div>{t(`keyattention.remove.reasons.${h.reasonCode}`)}</div> : null}
              <div>{systemReason(h.reason, i18n.language)}</div>
              <Typography.Text type="secondary">
                {localTime(h.changedAt)} · {t('keyattention.history.by')} {h.changedBy?.displayName ?? '—'}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}

import { App, DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_KINDS,
  ACTIVITY_MAX_PARTICIPANTS,
  ORGANIZER_LEVELS,
  activityFieldsSchema,
  type ActivityFields,
  type OrganizerLevel,
} from '../../../src-shared/contract/activities';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { readAsBase64 } from '../../files/importFile';
import { errorMessage } from '../../i18n/errors';
import { FormModal, submitsWith } from '../FormModal';
import { AttachmentChooser, ChosenFiles } from '../AttachmentChooser';
import { useCan, useScope } from '../../session';
import { PersonPicker, parsePick } from '../network/PersonPicker';
import { ATTACHMENT_MAX_MEGABYTES, attachmentProblem, kindLabel, type ActivityDetail } from './labels';
import { moduleFormErrors, moduleRule } from './rules';

interface Values {
  kind?: ActivityFields['kind'];
  title?: string;
  date?: Dayjs | null;
  organizer?: string;
  audience?: string;
  department?: string;
  participants?: number | null;
  location?: string;
  description?: string;
  organizerLevel?: OrganizerLevel;
  className?: string;
  /** `person:ID` of the organiser in the work network register, when picked. */
  organizerPick?: string | null;
}

const shape = activityFieldsSchema.shape;
const HALF = { flex: '1 1 0', minWidth: 0 };
const FIELDS = ['kind', 'title', 'date', 'organizer', 'audience', 'department', 'participants', 'location', 'description', 'organizerLevel', 'className'];

const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** The form's values as the contract's fields: the date as YYYY-MM-DD, empty text as null. */
export function activityInput(values: Values): ActivityFields {
  return {
    kind: values.kind!,
    title: values.title?.trim() ?? '',
    date: values.date ? values.date.format('YYYY-MM-DD') : '',
    organizer: values.organizer?.trim() ?? '',
    audience: text(values.audience),
    department: text(values.department),
    participants: values.participants as number,
    location: text(values.location),
    description: text(values.description),
    organizerLevel: values.organizerLevel ?? 'center',
    className: values.organizerLevel === 'class' ? text(values.className) : null,
    organizerPersonId: parsePick(values.organizerPick)?.kind === 'person' ? parsePick(values.organizerPick)!.id : null,
  };
}

function initialValues(activity: ActivityDetail | null, defaultLevel: OrganizerLevel): Values {
  if (!activity) return { participants: 0, organizerLevel: defaultLevel };
  return {
    kind: activity.kind,
    title: activity.title,
    date: dayjs(activity.date),
    organizer: activity.organizer,
    audience: activity.audience ?? '',
    department: activity.department ?? '',
    participants: activity.participants,
    location: activity.location ?? '',
    description: activity.description ?? '',
    organizerLevel: activity.organizerLevel ?? 'center',
    className: activity.className ?? '',
    organizerPick: activity.organizerPersonId ? `person:${activity.organizerPersonId}` : null,
  };
}

/** 新建活动 / 编辑活动. A new activity may bring files along: they are uploaded once it is saved. */
export function ActivityFormModal({ activity, onClose, onSaved }: { activity: ActivityDetail | null; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  // A liaison records their own 院系's activities (the core fills in and checks the department).
  const liaisonOnly = useScope('activities.manage') === 'department';
  const level = Form.useWatch('organizerLevel', form);
  const mayReadRegister = useCan('network.read');

  const save = useAction(
    async (values: Values) => {
      const fields = activityInput(values);
      const saved = activity ? await call('activities.update', { id: activity.id, patch: fields }) : await call('activities.create', fields);
      // The activity is saved: a file that fails to upload is a warning, not a failed save.
      for (const file of files) {
        try {
          await call('activities.addAttachment', { activityId: saved.id, fileName: file.name, contentBase64: await readAsBase64(file) });
        } catch (failure) {
          void message.warning(t('activities.form.uploadFailed', { name: file.name, message: errorMessage(failure, t) }));
        }
      }
      return saved;
    },
    {
      form,
      fieldErrors: moduleFormErrors('activities', t, FIELDS),
      onSuccess: (saved) => {
        void message.success(activity ? t('activities.form.saved') : t('activities.form.created'));
        onSaved(saved.id);
      },
    },
  );

  const chooseFile = (file: File) => {
    const problem = attachmentProblem(file, t);
    setFileError(problem);
    if (!problem) setFiles((current) => [...current, file]);
  };

  return (
    <FormModal
      title={activity ? t('activities.form.editTitle') : t('activities.form.createTitle')}
      okText={activity ? t('activities.form.save') : t('activities.form.submit')}
      form={form}
      {...submitsWith(save)}
      onClose={onClose}
      width={720}
      bodyStyle={{ paddingTop: 12 }}
      initialValues={initialValues(activity, liaisonOnly ? 'department' : 'center')}
    >
      <Flex gap={16}>
        <Form.Item name="kind" label={t('activities.form.kind')} rules={[moduleRule('activities', shape.kind, 'kind', t)]} style={HALF}>
          <Select
            placeholder={t('activities.form.kindPlaceholder')}
            options={ACTIVITY_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind, t) }))}
            aria-label={t('activities.form.kind')}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('activities.form.date')}
          rules={[moduleRule('activities', shape.date, 'date', t, { map: (value) => (dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value) })]}
          style={HALF}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder={t('activities.form.date')} />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item name="organizerLevel" label={t('activities.form.organizerLevel')} style={HALF}>
          <Select
            aria-label={t('activities.form.organizerLevel')}
            options={ORGANIZER_LEVELS.filter((value) => !liaisonOnly || value !== 'center').map((value) => ({
              value,
              label: t(`activities.levels.${value}`),
            }))}
          />
        </Form.Item>
        {level === 'class' ? (
          <Form.Item
            name="className"
            label={t('activities.form.className')}
            rules={[moduleRule('activities', shape.className, 'className', t, { optional: true })]}
            style={HALF}
          >
            <Input autoComplete="off" maxLength={TEXT_MAX.shortName} placeholder={t('activities.form.classNamePlaceholder')} />
          </Form.Item>
        ) : (
          <div style={HALF} />
        )}
      </Flex>
      {mayReadRegister ? (
        <Form.Item name="organizerPick" label={t('activities.form.organizerPerson')} extra={t('activities.form.organizerPersonHint')}>
          <PersonPicker
            aria-label={t('activities.form.organizerPerson')}
            onChange={(_value, picked) => {
              // The organiser's words fill the organiser field (still editable).
              if (picked) form.setFieldValue('organizer', picked.label.slice(0, TEXT_MAX.shortName));
            }}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="title" label={t('activities.form.title')} rules={[moduleRule('activities', shape.title, 'title', t)]}>
        <Input autoComplete="off" maxLength={TEXT_MAX.title} placeholder={t('activities.form.titlePlaceholder')} />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="organizer" label={t('activities.form.organizer')} rules={[moduleRule('activities', shape.organizer, 'organizer', t)]} style={HALF}>
          <Input autoComplete="off" maxLength={TEXT_MAX.shortName} placeholder={t('activities.form.organizerPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="participants"
          label={t('activities.form.participants')}
          rules={[moduleRule('activities', shape.participants, 'participants', t, { values: { max: ACTIVITY_MAX_PARTICIPANTS } })]}
          style={HALF}
        >
          {/* No min: a negative number gets the form's own message rather than being silently clamped. */}
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item
          name="audience"
          label={t('activities.form.audience')}
          rules={[moduleRule('activities', shape.audience, 'audience', t, { optional: true })]}
          style={HALF}
        >
          <Input autoComplete="off" maxLength={TEXT_MAX.remark} placeholder={t('activities.form.audiencePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="department"
          label={t('activities.form.department')}
          rules={[moduleRule('activities', shape.department, 'department', t, { optional: true })]}
          style={HALF}
        >
          <Input
            autoComplete="off"
            maxLength={TEXT_MAX.department}
            placeholder={t(liaisonOnly ? 'activities.form.departmentOwn' : 'activities.form.departmentPlaceholder')}
            disabled={liaisonOnly}
          />
        </Form.Item>
      </Flex>
      <Form.Item name="location" label={t('activities.form.location')} rules={[moduleRule('activities', shape.location, 'location', t, { optional: true })]}>
        <Input autoComplete="off" maxLength={TEXT_MAX.remark} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('activities.form.description')}
        rules={[moduleRule('activities', shape.description, 'description', t, { optional: true })]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX.longNote} />
      </Form.Item>
      {activity ? null : (
        <Form.Item label={t('activities.form.attachments')} extra={t('activities.attachments.hint', { max: ATTACHMENT_MAX_MEGABYTES })}>
          <AttachmentChooser label={t('activities.attachments.choose')} onChoose={chooseFile} error={fileError} />
          {files.length > 0 ? (
            <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="pending-attachments">
              <ChosenFiles files={files} onChange={setFiles} removeLabel={t('activities.attachments.remove')} />
            </Flex>
          ) : null}
        </Form.Item>
      )}
    </FormModal>
  );
}

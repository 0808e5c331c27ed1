import { Button, Checkbox, DatePicker, Divider, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NOTE_LIMITS,
  NOTE_MODES,
  NOTE_TOPICS,
  RISK_LEVELS,
  noteMinutesSchema,
  noteRiskCheckSchema,
  noteTopicsSchema,
  type Note,
  type NoteRiskCheck,
  type NoteTemplate,
  type NoteTopic,
} from '../../../src-shared/contract';
import { noteTopicLabel, topicLanguage } from '../../../src-shared/labels/note-topic-labels';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { ErrorAlert } from '../ErrorAlert';
import { noteSectionLabel } from '../../../src-shared/labels/builtin-words';

interface RiskValues {
  level?: NoteRiskCheck['level'];
  suicidalIdeation?: boolean;
  selfHarm?: boolean;
  comment?: string;
}

export interface EditorValues {
  sessionAt?: Dayjs | null;
  mode?: Note['mode'];
  minutes?: number | null;
  topics?: string[];
  topicCategories?: NoteTopic[];
  topicOther?: string | null;
  body: Record<string, string | undefined>;
  riskCheck: RiskValues;
}

/** The re-check as the contract takes it, or null while it is incomplete (allowed on a draft). */
export function riskFromForm(risk: RiskValues | undefined): NoteRiskCheck | null {
  const parsed = noteRiskCheckSchema.safeParse({
    level: risk?.level,
    suicidalIdeation: risk?.suicidalIdeation,
    selfHarm: risk?.selfHarm,
    comment: risk?.comment?.trim() || null,
  });
  return parsed.success ? parsed.data : null;
}

function initialValues(note: Note | null): EditorValues {
  if (!note)
    return {
      sessionAt: dayjs().second(0).millisecond(0),
      mode: 'in_person',
      minutes: 50,
      topics: [],
      topicCategories: [],
      topicOther: null,
      body: {},
      riskCheck: {},
    };
  return {
    sessionAt: dayjs(note.sessionAt),
    mode: note.mode,
    minutes: note.minutes,
    topics: note.topics,
    topicCategories: note.topicCategories,
    topicOther: note.topicOther,
    body: note.body,
    riskCheck: note.riskCheck ? { ...note.riskCheck, comment: note.riskCheck.comment ?? undefined } : {},
  };
}

/**
 * The note form: a new draft, or the author's own draft / unlocked note. Saving keeps a draft;
 * signing (after a confirm) saves and locks it. The form checks with the contract's schemas;
 * signing also needs the risk re-check and some content, as the core does.
 */
export function NoteEditor({
  caseId,
  note,
  template,
  trainee,
  onDone,
}: {
  caseId: string;
  note: Note | null;
  template: NoteTemplate;
  trainee: boolean;
  onDone: (result: { note: Note; signed: boolean }) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<EditorValues>();
  const chosenTopics = Form.useWatch('topicCategories', form) ?? [];
  const lang = topicLanguage(i18n.language);
  /** A check of the form before signing (no content yet), shown where the write's error would be. */
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Sections of the template, plus any this note was written with that the template since dropped.
  const sections = [
    ...template.sections,
    ...Object.keys(note?.body ?? {})
      .filter((id) => !template.sections.some((s) => s.id === id))
      .map((id) => ({ id, label: id })),
  ];

  const payload = (v: EditorValues) => ({
    sessionAt: v.sessionAt!.toDate().toISOString(),
    mode: v.mode!,
    minutes: v.minutes!,
    topics: v.topics ?? [],
    topicCategories: v.topicCategories ?? [],
    topicOther: (v.topicCategories ?? []).includes('other') ? v.topicOther?.trim() || null : null,
    body: Object.fromEntries(sections.map((s) => [s.id, v.body?.[s.id] ?? ''])),
    riskCheck: riskFromForm(v.riskCheck),
  });

  /** Saves the form's content (new note or draft), then signs it when asked; one pending state and error for both. */
  const write = useAction(
    async ({ sign }: { sign: boolean }) => {
      const input = payload(form.getFieldsValue(true) as EditorValues);
      const saved = note ? await call('notes.update', { id: note.id, ...input }) : await call('notes.create', { caseId, ...input });
      return sign ? { note: await call('notes.sign', { id: saved.id }), signed: true } : { note: saved, signed: false };
    },
    { onSuccess: (done) => onDone(done) },
  );
  const pending = write.pending;
  const error = formProblem ?? write.error;

  const save = async (sign: boolean) => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setFormProblem(null);
    await write.run({ sign });
  };

  const saveDraft = () => save(false);

  /** Signing needs what a draft may leave out: the full risk re-check and some content. */
  const askToSign = async () => {
    const values = form.getFieldsValue(true) as EditorValues;
    const problems: { name: (string | number)[]; errors: string[] }[] = [];
    const risk = values.riskCheck ?? {};
    for (const key of ['level', 'suicidalIdeation', 'selfHarm'] as const) {
      if (risk[key] === undefined || risk[key] === null) problems.push({ name: ['riskCheck', key], errors: [t('notes.editor.riskRequired')] });
    }
    const ok = await form.validateFields().then(
      () => true,
      () => false,
    );
    // The center reports its sessions by the plan's topics: at least one, and 其他 says what.
    const categories = values.topicCategories ?? [];
    if (categories.length === 0) problems.push({ name: ['topicCategories'], errors: [t('notes.editor.topicRequired')] });
    if (categories.includes('other') && !values.topicOther?.trim()) problems.push({ name: ['topicOther'], errors: [t('notes.editor.topicOtherRequired')] });
    if (problems.length > 0) form.setFields(problems as never);
    if (!sections.some((s) => (values.body?.[s.id] ?? '').trim().length > 0)) {
      setFormProblem(t('notes.editor.bodyRequired'));
      return;
    }
    if (ok && problems.length === 0) setConfirming(true);
  };

  const sign = async () => {
    setConfirming(false);
    await save(true);
  };

  const required = { required: true, message: t('notes.editor.required') };
  const zodRule = (schema: { safeParse(value: unknown): { success: boolean } }, message: string) => ({
    validator: async (_rule: unknown, value: unknown) => {
      if (value === undefined || value === null) return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  });
  const yesNo = [
    { value: true, label: t('notes.yes') },
    { value: false, label: t('notes.no') },
  ];

  return (
    <Form<EditorValues> form={form} layout="vertical" initialValues={initialValues(note)} disabled={pending} data-testid="note-editor">
      <ErrorAlert message={error} />
      <Flex gap={16} wrap>
        <Form.Item name="sessionAt" label={t('notes.fields.sessionAt')} rules={[required]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="mode" label={t('notes.fields.mode')} rules={[required]}>
          <Radio.Group optionType="button" options={NOTE_MODES.map((mode) => ({ value: mode, label: t(`notes.modes.${mode}`) }))} />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={t('notes.fields.minutes')}
          rules={[
            { required: true, message: t('notes.editor.minutesRange', { max: NOTE_LIMITS.minutesMax }) },
            zodRule(noteMinutesSchema, t('notes.editor.minutesRange', { max: NOTE_LIMITS.minutesMax })),
          ]}
        >
          <InputNumber precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Flex>
      <Form.Item name="topicCategories" label={t('notes.fields.topicCategories')} extra={t('notes.fields.topicCategoriesHint')}>
        <Checkbox.Group aria-label={t('notes.fields.topicCategories')} options={NOTE_TOPICS.map((key) => ({ value: key, label: noteTopicLabel(key, lang) }))} />
      </Form.Item>
      {chosenTopics.includes('other') && (
        <Form.Item
          name="topicOther"
          label={t('notes.fields.topicOther')}
          rules={[{ max: NOTE_LIMITS.topicOtherMax, message: t('notes.editor.tooLong', { max: NOTE_LIMITS.topicOtherMax }) }]}
        >
          <Input maxLength={NOTE_LIMITS.topicOtherMax} placeholder={t('notes.fields.topicOtherPlaceholder')} style={{ maxWidth: 420 }} />
        </Form.Item>
      )}
      <Form.Item
        name="topics"
        label={t('notes.fields.topics')}
        extra={t('notes.fields.topicsHint')}
        rules={[zodRule(noteTopicsSchema, t('notes.editor.topicTooLong', { max: NOTE_LIMITS.topicMax, count: NOTE_LIMITS.topicsMax }))]}
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} aria-label={t('notes.fields.topics')} />
      </Form.Item>
      {sections.map((section) => (
        <Form.Item
          key={section.id}
          name={['body', section.id]}
          label={noteSectionLabel(section, i18n.language)}
          rules={[{ max: NOTE_LIMITS.sectionMax, message: t('notes.editor.tooLong', { max: NOTE_LIMITS.sectionMax }) }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} />
        </Form.Item>
      ))}
      <Divider titlePlacement="start">{t('notes.fields.riskCheck')}</Divider>
      <Flex gap={24} wrap>
        <Form.Item name={['riskCheck', 'level']} label={t('notes.fields.riskLevel')}>
          <Radio.Group optionType="button" options={RISK_LEVELS.map((level) => ({ value: level, label: t(`notes.riskLevels.${level}`) }))} />
        </Form.Item>
        <Form.Item name={['riskCheck', 'suicidalIdeation']} label={t('notes.fields.suicidalIdeation')}>
          <Radio.Group options={yesNo} />
        </Form.Item>
        <Form.Item name={['riskCheck', 'selfHarm']} label={t('notes.fields.selfHarm')}>
          <Radio.Group options={yesNo} />
        </Form.Item>
      </Flex>
      <Form.Item
        name={['riskCheck', 'comment']}
        label={t('notes.fields.riskComment')}
        rules={[{ max: 2000, message: t('notes.editor.tooLong', { max: 2000 }) }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button onClick={saveDraft} loading={pending}>
          {t('notes.editor.saveDraft')}
        </Button>
        <Popconfirm
          open={confirming}
          title={
            <Typography.Text style={{ maxWidth: 320, display: 'inline-block' }}>
              {t(trainee ? 'notes.editor.signConfirmTrainee' : 'notes.editor.signConfirm')}
            </Typography.Text>
          }
          okText={t('notes.editor.sign')}
          cancelText={t('common.cancel')}
          onConfirm={sign}
          onCancel={() => setConfirming(false)}
          onOpenChange={(open) => {
            if (!open) setConfirming(false);
          }}
        >
          <Button type="primary" onClick={askToSign} loading={pending}>
            {t('notes.editor.sign')}
          </Button>
        </Popconfirm>
      </Flex>
    </Form>
  );
}

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { noteSectionSchema, SIGN_DUE_HOURS, signDueHoursSchema, type NoteTemplate } from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { callKey, useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { shownOnlyWith } from '../shownOnlyWith';
import { ErrorAlert } from '../ErrorAlert';

/** The note template (sections: label + id) and the signing deadline, in Settings for settings.manage. */
export const NoteSettings = shownOnlyWith('settings.manage', NoteSettingsForm);

function NoteSettingsForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const template = useCallQuery('notes.getTemplate', {});
  const [form] = Form.useForm<NoteTemplate>();

  useEffect(() => {
    if (template.data) form.setFieldsValue(template.data);
  }, [template.data, form]);

  const save = useWrite('notes.setTemplate', {
    onSuccess: (saved) => {
      // Shown at once; store.changed refetches it too.
      queryClient.setQueryData(callKey('notes.getTemplate', {}), saved);
      void message.success(t('notes.settings.saved'));
    },
  });
  const { pending, error } = save;
  const submit = (values: NoteTemplate) =>
    save.run({
      sections: values.sections.map((s) => ({ id: s.id.trim(), label: s.label.trim() })),
      signDueHours: values.signDueHours,
    });

  const idRule = {
    validator: async (_rule: unknown, value: string | undefined) => {
      if (!value?.trim()) throw new Error(t('notes.editor.required'));
      if (!noteSectionSchema.shape.id.safeParse(value).success) throw new Error(t('notes.settings.sectionIdChars'));
      const ids = ((form.getFieldValue('sections') as NoteTemplate['sections'] | undefined) ?? []).map((s) => s?.id?.trim());
      if (ids.filter((id) => id === value.trim()).length > 1) throw new Error(t('notes.settings.sectionIdDuplicate'));
    },
  };
  const labelRule = {
    validator: async (_rule: unknown, value: string | undefined) => {
      if (!value?.trim()) throw new Error(t('notes.editor.required'));
      if (!noteSectionSchema.shape.label.safeParse(value).success) throw new Error(t('notes.editor.tooLong', { max: 32 }));
    },
  };
  const hoursRule = {
    validator: async (_rule: unknown, value: unknown) => {
      if (!signDueHoursSchema.safeParse(value).success) throw new Error(t('notes.settings.numberRange', { min: SIGN_DUE_HOURS.min, max: SIGN_DUE_HOURS.max }));
    },
  };

  return (
    <Card title={t('notes.settings.title')} data-testid="note-settings">
      <Typography.Paragraph type="secondary">{t('notes.settings.intro')}</Typography.Paragraph>
      {template.isError ? <Alert type="error" showIcon title={errorMessage(template.error, t)} /> : null}
      {template.isPending ? <Skeleton active /> : null}
      {template.data ? (
        <Form<NoteTemplate>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
          disabled={pending}
          initialValues={template.data}
        >
          <ErrorAlert message={error} />
          <Form.List
            name="sections"
            rules={[
              {
                validator: async (_rule, sections: unknown[] | undefined) => {
                  if (!sections || sections.length === 0) throw new Error(t('notes.settings.sectionsRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="flex-start">
                    <Form.Item
                      name={[field.name, 'label']}
                      label={index === 0 ? t('notes.settings.sectionLabel') : undefined}
                      rules={[labelRule]}
                      style={{ flex: 2 }}
                    >
                      <Input maxLength={32} aria-label={t('notes.settings.sectionLabel')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'id']} label={index === 0 ? t('notes.settings.sectionId') : undefined} rules={[idRule]} style={{ flex: 1 }}>
                      <Input maxLength={32} spellCheck={false} aria-label={t('notes.settings.sectionId')} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('notes.settings.remove')}
                      onClick={() => remove(field.name)}
                      disabled={fields.length <= 1}
                      style={{ marginTop: index === 0 ? 30 : 0 }}
                    />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button icon={<PlusOutlined />} onClick={() => add({ id: '', label: '' })} disabled={fields.length >= 12} style={{ marginBottom: 16 }}>
                  {t('notes.settings.addSection')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item
            name="signDueHours"
            label={t('notes.settings.signDueHours')}
            extra={t('notes.settings.signDueHelp', { min: SIGN_DUE_HOURS.min, max: SIGN_DUE_HOURS.max })}
            rules={[hoursRule]}
          >
            <InputNumber precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={pending}>
            {t('common.save')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

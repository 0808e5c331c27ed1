import { DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { GROUP_STATUSES, GROUP_THEMES, checkGroupFields, groupFieldsSchema, type GroupFields } from '../../../src-shared/contract/groups';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { moduleFormErrors, moduleRule } from '../activities/rules';
import { FormModal, submitsWith } from '../FormModal';
import type { GroupDetail } from './labels';
import { textOr } from '../../i18n/keys';

interface Values {
  name?: string;
  theme?: GroupFields['theme'];
  customTheme?: string;
  leaders?: string[];
  status?: GroupFields['status'];
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  description?: string;
}

const shape = groupFieldsSchema.shape;
const HALF = { flex: '1 1 0', minWidth: 0 };
const FIELDS = ['name', 'theme', 'customTheme', 'leaders', 'status', 'startDate', 'endDate', 'description'];

export function groupInput(values: Values): GroupFields {
  return {
    name: values.name?.trim() ?? '',
    theme: values.theme!,
    customTheme: values.theme === 'custom' ? values.customTheme?.trim() || null : null,
    leaders: values.leaders ?? [],
    status: values.status ?? 'planned',
    startDate: values.startDate ? values.startDate.format('YYYY-MM-DD') : null,
    endDate: values.endDate ? values.endDate.format('YYYY-MM-DD') : null,
    description: values.description?.trim() || null,
  };
}

/** 新建团体 / 编辑团体: name, theme (or a custom one), leaders, status, dates, description. */
export function GroupFormModal({
  group,
  onClose,
  onSaved,
}: {
  group: GroupDetail | null;
  onClose: () => void;
  onSaved: (group: { id: string; canOpen: boolean }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const leaders = useCallQuery('groups.leaderOptions', {});
  const theme = Form.useWatch('theme', form);

  const save = useAction(
    (values: Values) => {
      const fields = groupInput(values);
      return group ? call('groups.update', { groupId: group.id, patch: fields }) : call('groups.create', fields);
    },
    { form, fieldErrors: moduleFormErrors('groups', t, FIELDS), onSuccess: onSaved },
  );

  const initial: Values = group
    ? {
        name: group.name,
        theme: group.theme,
        customTheme: group.customTheme ?? '',
        leaders: group.leaders.map((l) => l.id),
        status: group.status,
        startDate: group.startDate ? dayjs(group.startDate) : null,
        endDate: group.endDate ? dayjs(group.endDate) : null,
        description: group.description ?? '',
      }
    : { theme: 'freshman_adaptation', status: 'planned', leaders: [] };

  // Leaders already on a group stay choosable by name even if the account is no longer clinical.
  const leaderOptions = [...(leaders.data ?? [])];
  for (const leader of group?.leaders ?? []) if (!leaderOptions.some((o) => o.id === leader.id)) leaderOptions.push(leader);

  return (
    <FormModal
      title={group ? t('groups.form.editTitle') : t('groups.form.createTitle')}
      okText={group ? t('groups.form.save') : t('groups.form.submit')}
      form={form}
      {...submitsWith(save)}
      onClose={onClose}
      width={680}
      bodyStyle={{ paddingTop: 12 }}
      initialValues={initial}
    >
      <Form.Item name="name" label={t('groups.form.name')} rules={[moduleRule('groups', shape.name, 'name', t)]}>
        <Input autoComplete="off" maxLength={TEXT_MAX.shortName} placeholder={t('groups.form.namePlaceholder')} autoFocus />
      </Form.Item>
      <Form.Item name="theme" label={t('groups.form.theme')} rules={[moduleRule('groups', shape.theme, 'theme', t)]}>
        <Radio.Group options={GROUP_THEMES.map((value) => ({ value, label: t(`groups.themes.${value}`) }))} />
      </Form.Item>
      {theme === 'custom' ? (
        <Form.Item
          name="customTheme"
          label={t('groups.form.customTheme')}
          rules={[
            {
              validator: async (_rule: unknown, value: string | undefined) => {
                const problem = checkGroupFields({ theme: 'custom', customTheme: value ?? null });
                if (problem) throw new Error(textOr(`groups.validation.${problem.message}`, t('validation.invalid'), t));
                const parsed = shape.customTheme.safeParse(value);
                if (!parsed.success) throw new Error(t('validation.tooLong', { max: TEXT_MAX.shortName }));
              },
            },
          ]}
        >
          <Input autoComplete="off" maxLength={TEXT_MAX.shortName} placeholder={t('groups.form.customThemePlaceholder')} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="leaders"
        label={t('groups.form.leaders')}
        extra={t('groups.form.leadersHelp')}
        rules={[moduleRule('groups', shape.leaders, 'leaders', t)]}
      >
        <Select
          mode="multiple"
          aria-label={t('groups.form.leaders')}
          placeholder={t('groups.form.leadersPlaceholder')}
          loading={leaders.isPending}
          options={leaderOptions.map((o) => ({ value: o.id, label: o.displayName }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item name="status" label={t('groups.form.status')}>
        <Radio.Group optionType="button" options={GROUP_STATUSES.map((value) => ({ value, label: t(`groups.statuses.${value}`) }))} />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="startDate" label={t('groups.form.startDate')} style={HALF}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder={t('groups.form.startDate')} />
        </Form.Item>
        <Form.Item
          name="endDate"
          label={t('groups.form.endDate')}
          dependencies={['startDate']}
          style={HALF}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule: unknown, value: Dayjs | null | undefined) => {
                const start = getFieldValue('startDate') as Dayjs | null | undefined;
                const problem = checkGroupFields({
                  theme: 'stress',
                  startDate: start?.format('YYYY-MM-DD') ?? null,
                  endDate: value?.format('YYYY-MM-DD') ?? null,
                });
                if (problem) throw new Error(textOr(`groups.validation.${problem.message}`, t('validation.invalid'), t));
              },
            }),
          ]}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder={t('groups.form.endDate')} />
        </Form.Item>
      </Flex>
      <Form.Item
        name="description"
        label={t('groups.form.description')}
        rules={[moduleRule('groups', shape.description, 'description', t, { optional: true })]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX.description} placeholder={t('groups.form.descriptionPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

import { Alert, Checkbox, DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  ALERTING_SIGNS,
  REPORTER_KINDS,
  REPORT_SIGNS,
  REPORT_URGENCIES,
  reportFieldsSchema,
  type ChannelInput,
  type ChannelOutput,
  type ReportSign,
} from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { FormModal } from '../FormModal';
import { parsePick, PersonPicker } from '../network/PersonPicker';
import type { NetworkRole } from '../../../src-shared/contract';
import { callIssues, clearErrorsOnChange, issuesToFields, zodIssues } from './labels';

/** The report's reporter kind for a register role (others keep what was chosen). */
const REPORTER_KIND_OF_ROLE: Partial<Record<NetworkRole, (typeof REPORTER_KINDS)[number]>> = {
  peer_counselor: 'peer_counselor',
  class_teacher: 'head_teacher',
  counselor: 'department_counselor',
  department_counselor: 'department_counselor',
  hospital_staff: 'hospital',
};

interface Values {
  reporterKind?: (typeof REPORTER_KINDS)[number];
  reporterName?: string;
  reporterContact?: string;
  /** `person:ID` from the work network picker. */
  reporterPerson?: string | null;
  signs?: ReportSign[];
  description?: string;
  urgency: (typeof REPORT_URGENCIES)[number];
  reportedAt?: Dayjs | null;
}

export function reportInput(studentId: string, values: Values): Partial<ChannelInput<'reports.create'>> {
  const text = (value?: string) => (value?.trim() ? value.trim() : null);
  return {
    studentId,
    reporterKind: values.reporterKind,
    reporterName: text(values.reporterName),
    reporterContact: text(values.reporterContact),
    reporterPersonId: parsePick(values.reporterPerson)?.id ?? null,
    signs: values.signs ?? [],
    description: text(values.description),
    urgency: values.urgency,
    ...(values.reportedAt ? { reportedAt: values.reportedAt.toDate().toISOString() } : {}),
  } as Partial<ChannelInput<'reports.create'>>;
}

/** 上报 form: who reports, what they saw (checklist and words), how urgent; checked with the contract's schema. */
export function ReportFormModal({
  student,
  onClose,
  onFiled,
}: {
  student: { id: string; name: string };
  onClose: () => void;
  onFiled: (result: ChannelOutput<'reports.create'>) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  // The triage queue, the student's reports, alerts and timeline refetch from store.changed.
  const file = useWrite('reports.create', {
    form,
    fieldErrors: (failure) => issuesToFields(callIssues(failure), t),
    onSuccess: (result) => onFiled(result),
  });
  const { pending, error } = file;
  const signs = Form.useWatch('signs', form) ?? [];
  const urgency = Form.useWatch('urgency', form);
  const alerting = urgency === 'urgent' || signs.some((s) => ALERTING_SIGNS.includes(s));

  const submit = async () => {
    file.reset();
    const values = form.getFieldsValue(true) as Values;
    const input = reportInput(student.id, values);
    const parsed = reportFieldsSchema.safeParse(input);
    // Clear earlier messages, then show what the contract refuses, in the user's language.
    form.setFields(
      (['reporterKind', 'reporterName', 'reporterContact', 'signs', 'description', 'urgency', 'reportedAt'] as const).map((name) => ({ name, errors: [] })),
    );
    if (!parsed.success) {
      form.setFields(issuesToFields(zodIssues(parsed.error.issues), t, input) as never);
      return;
    }
    await file.run(parsed.data);
  };

  return (
    <FormModal<Values>
      title={t('reports.form.title', { name: student.name })}
      okText={t('reports.form.submit')}
      form={form}
      onSubmit={() => submit()}
      checksItself
      onClose={onClose}
      pending={pending}
      error={error}
      width={720}
      initialValues={{ urgency: 'routine', signs: [], reportedAt: dayjs() }}
      onValuesChange={clearErrorsOnChange(form)}
      requiredMark
      before={<Alert type="warning" showIcon title={t('reports.form.safetyHint')} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="reporterPerson" label={t('network.picker.reporter')}>
        <PersonPicker
          onChange={(_value, picked) => {
            // The words stay editable: the free-text fields are the fallback and what the report keeps.
            if (!picked?.person) return;
            form.setFieldsValue({
              reporterName: picked.label,
              reporterContact: picked.person.phone ?? undefined,
              reporterKind: REPORTER_KIND_OF_ROLE[picked.person.role] ?? form.getFieldValue('reporterKind'),
            });
          }}
        />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="reporterKind" label={t('reports.form.reporterKind')} required style={{ flex: 1 }}>
          <Select options={REPORTER_KINDS.map((kind) => ({ value: kind, label: t(`reports.kinds.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="reporterName" label={t('reports.form.reporterName')} style={{ flex: 1 }}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="reporterContact" label={t('reports.form.reporterContact')} style={{ flex: 1 }}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
      </Flex>
      <Form.Item name="signs" label={t('reports.form.signs')} required>
        <Checkbox.Group
          options={REPORT_SIGNS.map((sign) => ({ value: sign, label: t(`reports.signs.${sign}`) }))}
          style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', rowGap: 6 }}
        />
      </Form.Item>
      <Form.Item name="description" label={t('reports.form.description')}>
        <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('reports.form.descriptionPlaceholder')} />
      </Form.Item>
      <Flex gap={16} align="start">
        <Form.Item name="urgency" label={t('reports.form.urgency')} required style={{ flex: 1 }}>
          <Radio.Group optionType="button" options={REPORT_URGENCIES.map((value) => ({ value, label: t(`reports.urgency.${value}`) }))} />
        </Form.Item>
        <Form.Item name="reportedAt" label={t('reports.form.reportedAt')} style={{ flex: 1 }}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Flex>
      <Alert type={alerting ? 'error' : 'info'} showIcon title={t('reports.form.alertingHint')} />
    </FormModal>
  );
}

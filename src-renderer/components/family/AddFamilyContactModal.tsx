import { App, DatePicker, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FAMILY_CONTACT_TARGETS, FAMILY_CONTACT_WAYS, type FamilyContactWay, type PersonRef } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { FormModal, submitsWith } from '../FormModal';
import { RegisterPersonInput } from '../leadership/RegisterPersonInput';

interface Values {
  contactedAt?: Dayjs;
  way?: FamilyContactWay;
  targetKind?: (typeof FAMILY_CONTACT_TARGETS)[number];
  guardian?: string;
  targetPerson?: PersonRef | null;
  targetName?: string;
  targetRelation?: string;
  contactor?: PersonRef | null;
  purpose?: string;
  summary?: string;
  followUp?: string;
}

type Guardian = { name: string; relation: string | null; phone: string | null };

/** Record one family contact: whom (a guardian of the record, a network person or someone named), when, how, why, what, what next. */
export function AddFamilyContactModal({ studentId, guardians, onClose }: { studentId: string; guardians: Guardian[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const targetKind = Form.useWatch('targetKind', form);
  const required = { required: true, whitespace: true, message: t('validation.required') };

  const save = useAction(
    (values: Values) => {
      const guardian = guardians.find((g) => g.name === values.guardian);
      const target: PersonRef =
        values.targetKind === 'guardian'
          ? { name: values.guardian ?? '' }
          : values.targetKind === 'register'
            ? (values.targetPerson ?? { name: '' })
            : { name: values.targetName ?? '' };
      return call('family.add', {
        studentId,
        contactedAt: values.contactedAt!.toISOString(),
        way: values.way!,
        targetKind: values.targetKind!,
        target,
        targetRelation: values.targetKind === 'guardian' ? (guardian?.relation ?? null) : values.targetRelation?.trim() || null,
        contactor: values.contactor?.name?.trim() ? values.contactor : null,
        purpose: values.purpose ?? '',
        summary: values.summary ?? '',
        followUp: values.followUp?.trim() || null,
      });
    },
    {
      onSuccess: () => {
        void message.success(t('family.form.saved'));
        onClose();
      },
    },
  );

  return (
    <FormModal
      title={t('family.form.title')}
      okText={t('family.form.save')}
      form={form}
      {...submitsWith(save)}
      onClose={onClose}
      width={680}
      initialValues={{ contactedAt: dayjs(), way: 'phone', targetKind: guardians.length > 0 ? 'guardian' : 'other', guardian: guardians[0]?.name }}
    >
      <Flex gap={16}>
        <Form.Item
          name="contactedAt"
          label={t('family.form.contactedAt')}
          style={{ width: 220 }}
          rules={[
            {
              validator: async (_rule, value: Dayjs | null | undefined) => {
                if (!value) throw new Error(t('validation.required'));
                if (value.isAfter(dayjs().add(5, 'minute'))) throw new Error(t('family.errors.familyContactInFuture'));
              },
            },
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="way" label={t('family.form.way')} style={{ flex: 1 }}>
          <Radio.Group optionType="button" options={FAMILY_CONTACT_WAYS.map((w) => ({ value: w, label: t(`family.ways.${w}`) }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="targetKind" label={t('family.form.targetKind')}>
        <Radio.Group options={FAMILY_CONTACT_TARGETS.map((k) => ({ value: k, label: t(`family.targetKinds.${k}`) }))} />
      </Form.Item>
      {targetKind === 'guardian' ? (
        guardians.length > 0 ? (
          <Form.Item name="guardian" label={t('family.form.guardian')} rules={[required]}>
            <Select
              aria-label={t('family.form.guardian')}
              options={guardians.map((g) => ({
                value: g.name,
                label: [g.name, g.relation ? `（${g.relation}）` : '', g.phone ? ` ${g.phone}` : ''].join(''),
              }))}
            />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="warning">{t('family.form.noGuardians')}</Typography.Paragraph>
        )
      ) : targetKind === 'register' ? (
        <Form.Item
          name="targetPerson"
          label={t('family.form.targetPerson')}
          rules={[
            {
              validator: async (_r, v: PersonRef | null) => {
                if (!v?.name?.trim()) throw new Error(t('validation.required'));
              },
            },
          ]}
        >
          <RegisterPersonInput aria-label={t('family.form.targetPerson')} />
        </Form.Item>
      ) : (
        <Flex gap={16}>
          <Form.Item name="targetName" label={t('family.form.targetName')} rules={[required]} style={{ flex: 1 }}>
            <Input maxLength={TEXT_MAX.personName} />
          </Form.Item>
          <Form.Item name="targetRelation" label={t('family.form.targetRelation')} style={{ width: 200 }}>
            <Input maxLength={TEXT_MAX.label} />
          </Form.Item>
        </Flex>
      )}
      <Form.Item name="contactor" label={t('family.form.contactor')}>
        <RegisterPersonInput aria-label={t('family.form.contactor')} />
      </Form.Item>
      <Form.Item name="purpose" label={t('family.form.purpose')} rules={[required]}>
        <Input maxLength={TEXT_MAX.remark} />
      </Form.Item>
      <Form.Item name="summary" label={t('family.form.summary')} rules={[required]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={TEXT_MAX.description} />
      </Form.Item>
      <Form.Item name="followUp" label={t('family.form.followUp')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TEXT_MAX.note} />
      </Form.Item>
    </FormModal>
  );
}

import { App, DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TRAINING_AUDIENCES, trainingFieldsSchema, type TrainingAudience, type TrainingFields } from '../../../src-shared/contract/training';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { moduleFormErrors, moduleRule } from '../activities/rules';
import { FormModal, submitsWith } from '../FormModal';
import type { TrainingDetail } from './labels';

interface Values {
  title?: string;
  date?: Dayjs | null;
  audience?: TrainingAudience;
  trainer?: string;
  hours?: number | null;
  location?: string;
  department?: string;
}

const shape = trainingFieldsSchema.shape;
const HALF = { flex: '1 1 0', minWidth: 0 };
const FIELDS = ['title', 'date', 'audience', 'trainer', 'hours', 'location', 'department'];
const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** 新建培训 / 编辑培训: the session's fields (attendance is edited in the session's drawer). */
export function TrainingFormModal({ training, onClose, onSaved }: { training: TrainingDetail | null; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useAction(
    (values: Values) => {
      const fields: TrainingFields = {
        title: values.title?.trim() ?? '',
        date: values.date ? values.date.format('YYYY-MM-DD') : '',
        audience: values.audience!,
        trainer: values.trainer?.trim() ?? '',
        hours: values.hours as number,
        location: text(values.location),
        department: text(values.department),
      };
      return training ? call('training.update', { id: training.id, patch: fields }) : call('training.create', fields);
    },
    {
      form,
      fieldErrors: moduleFormErrors('training', t, FIELDS),
      onSuccess: (saved) => {
        void message.success(training ? t('training.form.saved') : t('training.form.created'));
        onSaved(saved.id);
      },
    },
  );

  const initial: Values = training
    ? { ...training, date: dayjs(training.date), location: training.location ?? '', department: training.department ?? '' }
    : { hours: 2 };
  return (
    <FormModal
      title={training ? t('training.form.editTitle') : t('training.form.createTitle')}
      okText={t('training.form.save')}
      form={form}
      {...submitsWith(save)}
      onClose={onClose}
      width={640}
      initialValues={initial}
    >
      <Form.Item name="title" label={t('training.form.title')} rules={[moduleRule('training', shape.title, 'title', t)]}>
        <Input autoComplete="off" maxLength={TEXT_MAX.title} placeholder={t('training.form.titlePlaceholder')} />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item name="audience" label={t('training.form.audience')} rules={[moduleRule('training', shape.audience, 'audience', t)]} style={HALF}>
          <Select aria-label={t('training.form.audience')} options={TRAINING_AUDIENCES.map((value) => ({ value, label: t(`training.audiences.${value}`) }))} />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('training.form.date')}
          rules={[moduleRule('training', shape.date, 'date', t, { map: (value) => (dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value) })]}
          style={HALF}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder={t('training.form.date')} />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item name="trainer" label={t('training.form.trainer')} rules={[moduleRule('training', shape.trainer, 'trainer', t)]} style={HALF}>
          <Input autoComplete="off" maxLength={TEXT_MAX.shortName} />
        </Form.Item>
        <Form.Item name="hours" label={t('training.form.hours')} rules={[moduleRule('training', shape.hours, 'hours', t)]} style={HALF}>
          <InputNumber style={{ width: '100%' }} step={0.5} />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item name="location" label={t('training.form.location')} style={HALF}>
          <Input autoComplete="off" maxLength={TEXT_MAX.remark} />
        </Form.Item>
        <Form.Item name="department" label={t('training.form.department')} style={HALF}>
          <Input autoComplete="off" maxLength={TEXT_MAX.department} placeholder={t('training.form.departmentPlaceholder')} />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}

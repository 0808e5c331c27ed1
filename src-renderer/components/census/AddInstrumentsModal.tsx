import { Alert, Checkbox, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-shared/contract';
import { INSTRUMENT_IDS } from '../../../src-shared/instruments/types';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { currentLanguage } from '../../i18n';
import { FormModal } from '../FormModal';
import { instrumentShort, type CensusBatch } from './labels';

/**
 * 批次 → 添加问卷: platforms export SCL-90 and UPI as separate files, so a batch can take another
 * questionnaire after it was created. Its rules are the center's defaults (the core checks them).
 */
export function AddInstrumentsModal({ batch, onClose, onAdded }: { batch: CensusBatch; onClose: () => void; onAdded: (text: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ instruments: string[] }>();
  const settings = useCallQuery('instruments.list', {});
  const english = currentLanguage() === 'en';
  const options = INSTRUMENT_IDS.filter((id) => !batch.instruments.includes(id)).map((id) => {
    const setting = settings.data?.find((s) => s.id === id);
    const name = setting ? (english ? setting.name.en : setting.name.zh) : instrumentShort(id);
    return { value: id, label: name, disabled: setting ? !setting.enabled : false };
  });

  const add = useWrite('census.addInstruments', {
    onSuccess: (added) => onAdded(t('census.batch.addInstruments.added', { instruments: added.instrumentsAdded.map(instrumentShort).join('、') })),
  });

  return (
    <FormModal
      title={t('census.batch.addInstruments.title')}
      okText={t('census.batch.addInstruments.submit')}
      form={form}
      onSubmit={(values) => add.run({ batchId: batch.id, instruments: values.instruments as ChannelInput<'census.addInstruments'>['instruments'] })}
      onClose={onClose}
      pending={add.pending}
      error={add.error}
      okDisabled={options.length === 0}
      before={<Typography.Paragraph type="secondary">{t('census.batch.addInstruments.intro')}</Typography.Paragraph>}
    >
      {options.length === 0 ? (
        <Alert type="info" showIcon title={t('census.batch.addInstruments.noneLeft')} />
      ) : (
        <Form.Item
          name="instruments"
          label={t('census.batch.addInstruments.instruments')}
          extra={t('census.batch.addInstruments.rulesNote')}
          rules={[{ required: true, type: 'array', min: 1, message: t('census.batch.addInstruments.required') }]}
        >
          <Checkbox.Group options={options} style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', rowGap: 6 }} />
        </Form.Item>
      )}
    </FormModal>
  );
}

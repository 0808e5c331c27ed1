import { Alert, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentId } from '../../../src-shared/instruments';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { useSession } from '../../session';
import { FormModal } from '../FormModal';
import { assessmentErrorMessage } from './errors';
import { instrumentName } from './labels';

/**
 * Hands the screen to the student: `assessments.start` (or an in-progress one), `studentMode.enter`,
 * then the App switches the whole window to student mode.
 */
export function useHandOver() {
  const { enterStudentMode } = useSession();
  return async (assessmentId: string) => {
    await call('studentMode.enter', { assessmentId });
    enterStudentMode();
  };
}

export function StartAssessmentModal({ studentId, onClose }: { studentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const handOver = useHandOver();
  const instruments = useCallQuery('instruments.list', {});
  const enabled = (instruments.data ?? []).filter((i) => i.enabled);
  const [instrument, setInstrument] = useState<InstrumentId | undefined>();
  // The instrument is chosen in a controlled select; the form gives the dialog its layout and its lock while starting.
  const [form] = Form.useForm();
  const chosen = enabled.find((i) => i.id === instrument);
  // Started, then handed to the student (student mode); the assessments' own wording for a refusal.
  const starting = useAction(async (chosenId: InstrumentId) => {
    const { assessmentId } = await call('assessments.start', { studentId, instrument: chosenId });
    await handOver(assessmentId);
  });
  const pending = starting.pending;
  const error = starting.failure ? assessmentErrorMessage(starting.failure, t) : null;

  const start = async () => {
    if (!instrument) return;
    await starting.run(instrument);
  };

  return (
    <FormModal
      title={t('assessments.start.title')}
      okText={t('assessments.start.go')}
      form={form}
      onSubmit={start}
      onClose={onClose}
      okDisabled={!instrument}
      pending={pending}
      error={error ?? (instruments.isError ? assessmentErrorMessage(instruments.error, t) : null)}
      requiredMark
      before={
        <>
          <Typography.Paragraph>{t('assessments.start.intro')}</Typography.Paragraph>
          {instruments.isSuccess && enabled.length === 0 ? <Alert type="warning" showIcon title={t('assessments.start.noneEnabled')} /> : null}
        </>
      }
      extra={chosen && !chosen.hasWording ? <Alert type="info" showIcon title={t('assessments.start.noWording')} /> : null}
    >
      <Form.Item label={t('assessments.start.instrument')} htmlFor="start-instrument">
        <Select<InstrumentId>
          id="start-instrument"
          value={instrument}
          onChange={setInstrument}
          placeholder={t('assessments.start.pick')}
          loading={instruments.isPending}
          options={enabled.map((i) => ({ value: i.id, label: instrumentName(i.id) }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
    </FormModal>
  );
}

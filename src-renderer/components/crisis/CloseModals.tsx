import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrisisStep } from '../../../src-shared/contract/crisis';
import { stepTitle } from '../../../src-shared/labels/builtin-words';
import i18n from '../../i18n';
import { useAction } from '../../api/mutations';
import { schemaRule } from '../../i18n/errors';
import { FormModal } from '../FormModal';
import { openStepsOfConflict, type OpenStepRef } from './openEvent';
import { summaryRule } from './StepModals';

/** The closure step is recorded by the close itself (the summary here, the director's approval). */
const CLOSURE_STEP_KEY = 'closure';

/** What the core will refuse a close for: checklist steps neither done nor marked not applicable. */
export function stepsBlockingClose(steps: readonly CrisisStep[]): OpenStepRef[] {
  return steps.filter((s) => s.applicable && s.status === 'open' && s.key !== CLOSURE_STEP_KEY).map((s) => ({ id: s.id, key: s.key, title: s.title }));
}

/** The open steps, each a link to its row in the checklist. */
export function OpenStepsList({ steps, onGoTo, refused }: { steps: readonly OpenStepRef[]; onGoTo: (step: OpenStepRef) => void; refused?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      type={refused ? 'error' : 'warning'}
      showIcon
      data-testid="crisis-open-steps"
      style={{ marginBottom: 12 }}
      title={
        refused
          ? `${t('crisis.close.openStepsRefused')} ${t('crisis.close.openStepsTitle', { count: steps.length })}`
          : t('crisis.close.openStepsTitle', { count: steps.length })
      }
      description={
        <>
          <div style={{ marginBottom: 4 }}>{t('crisis.close.openStepsHint')}</div>
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {steps.map((step) => (
              <li key={step.id}>
                <Button
                  type="link"
                  size="small"
                  data-testid="crisis-open-step-link"
                  data-step-key={step.key}
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                  onClick={() => onGoTo(step)}
                >
                  {stepTitle(step, i18n.language)}
                </Button>
              </li>
            ))}
          </ol>
        </>
      }
    />
  );
}

/**
 * 申请结案: the summary, with the steps still open listed first (links to them). The core checks
 * again inside its transaction; a refusal lists the steps it found, which replace ours.
 */
export function RequestCloseModal({
  steps,
  onSubmit,
  onClose,
  onGoToStep,
}: {
  steps: readonly CrisisStep[];
  onSubmit: (summary: string) => Promise<unknown>;
  onClose: () => void;
  onGoToStep: (step: OpenStepRef) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ summary: string }>();
  const [refusedWith, setRefusedWith] = useState<OpenStepRef[] | null>(null);
  const open = refusedWith ?? stepsBlockingClose(steps);
  const request = useAction(onSubmit, {
    form,
    mapPath: () => 'summary',
    onSuccess: onClose,
    onError: (failure) => {
      const blocking = openStepsOfConflict(failure);
      if (blocking) setRefusedWith(blocking);
    },
  });

  return (
    <FormModal
      title={t('crisis.close.requestTitle')}
      form={form}
      onSubmit={({ summary }) => request.run(summary.trim())}
      onClose={onClose}
      pending={request.pending}
      // A refusal over open steps lists them (below) instead of a sentence.
      error={openStepsOfConflict(request.failure) ? null : request.error}
      width={640}
      testId="crisis-request-close-modal"
      before={
        open.length > 0 ? (
          <OpenStepsList
            steps={open}
            refused={refusedWith !== null}
            onGoTo={(step) => {
              onClose();
              onGoToStep(step);
            }}
          />
        ) : null
      }
    >
      <Form.Item name="summary" label={t('crisis.close.summary')} rules={[schemaRule(summaryRule, 'summary', t)]}>
        <Input.TextArea autoFocus rows={5} maxLength={5000} showCount />
      </Form.Item>
    </FormModal>
  );
}

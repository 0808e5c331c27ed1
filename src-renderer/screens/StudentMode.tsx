import { CheckCircleOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Radio, Result, Skeleton, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, CallError } from '../api/client';
import { useAction, useWrite } from '../api/mutations';
import { useCallQuery } from '../api/queries';
import { handOffExitedAssessment } from '../components/assessments/criticalResultHandoff';
import { ExitStudentModeModal } from '../components/assessments/ExitStudentModeModal';
import { dependentAnswers, isAsked, resumeItem, stepItem, unansweredItems } from '../components/assessments/studentModeLogic';
import type { Answer, StudentForm } from '../components/assessments/types';
import { errorMessage } from '../i18n/errors';

type Phase = 'answering' | 'review' | 'done';

function requestFullscreen() {
  try {
    const result = document.documentElement.requestFullscreen?.();
    if (result && typeof result.catch === 'function') result.catch(() => undefined);
  } catch {
    // Not allowed (no user gesture, a kiosk policy): the screen is still locked down by the core.
  }
}

function leaveFullscreen() {
  try {
    if (document.fullscreenElement) document.exitFullscreen?.()?.catch(() => undefined);
  } catch {
    // Nothing to undo.
  }
}

const OPTION_STYLE: React.CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  width: '100%',
  margin: 0,
  padding: '14px 18px',
  fontSize: 18,
  borderRadius: 10,
  border: '1px solid #d0d7de',
  background: '#fff',
};

const SELECTED_STYLE: React.CSSProperties = { ...OPTION_STYLE, border: '2px solid #2f6f8f', background: '#e8f2f7', padding: '13px 17px' };

const KEY_STYLE: React.CSSProperties = {
  display: 'inline-block',
  minWidth: 26,
  marginInlineEnd: 12,
  padding: '0 6px',
  borderRadius: 4,
  border: '1px solid #c9d6de',
  color: '#5b6b75',
  fontSize: 14,
  textAlign: 'center',
};

/** The questionnaire itself: one item at a time, answers saved as they are given. */
function Questionnaire({ form, paused, onFinished }: { form: StudentForm; paused: boolean; onFinished: () => void }) {
  const { t } = useTranslation();
  const total = form.items.length;
  const [responses, setResponses] = useState<Answer[]>(() => Array.from({ length: total }, (_, i) => (form.responses[i] ?? null) as Answer));
  const [item, setItem] = useState(() => resumeItem(form.instrument, total, form.responses as Answer[]));
  const [phase, setPhase] = useState<Phase>('answering');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [finished, setFinished] = useState(false);
  const current = form.items[item - 1];
  const answered = responses.filter((value, index) => value !== null && isAsked(form.instrument, index + 1, responses)).length;
  const asked = form.items.filter((entry) => isAsked(form.instrument, entry.number, responses)).length;
  const unanswered = unansweredItems(form.instrument, total, responses);
  const next = stepItem(form.instrument, total, item, 1, responses);
  const previous = stepItem(form.instrument, total, item, -1, responses);

  // Answers are shown at once; a failed save puts the answers back as they were and says so.
  const { run: sendAnswers } = useAction(
    async ({ changes }: { changes: { item: number; value: Answer }[]; before: Answer[] }) => {
      for (const change of changes) await call('studentMode.answer', change);
    },
    {
      onError: (failure, { before }) => {
        setResponses(before);
        setSaveError(t('assessments.studentMode.saveFailed', { message: errorMessage(failure, t) }));
      },
    },
  );
  const finishing = useWrite('studentMode.finish', {
    onSuccess: () => {
      setFinished(true);
      onFinished();
    },
  });

  const save = useCallback(
    async (number: number, value: Answer) => {
      const before = responses;
      const changes = [{ item: number, value }, ...dependentAnswers(form.instrument, number, value, before)];
      const after = [...before];
      for (const change of changes) after[change.item - 1] = change.value;
      setResponses(after);
      setSaveError(null);
      await sendAnswers({ changes, before });
    },
    [responses, form.instrument, sendAnswers],
  );

  const finish = () => finishing.run({});
  // Handed in: the buttons stay busy until the page moves on.
  const finishBusy = finishing.pending || finished;
  const finishError = finishing.error;

  const goOn = () => {
    if (next !== null) setItem(next);
    else if (unanswered.length > 0) setPhase('review');
    else void finish();
  };

  // Keyboard: number keys choose, ←/→ move, ↑/↓ change the choice, Enter goes on.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event: KeyboardEvent) => {
    if (paused || phase !== 'answering' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest?.('input:not([type=radio]), textarea, .ant-modal')) return;
    const options = current.options;
    const chosen = options.findIndex((option) => option.value === responses[item - 1]);
    if (/^[1-9]$/.test(event.key) && Number(event.key) <= options.length) {
      event.preventDefault();
      void save(item, options[Number(event.key) - 1].value);
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      if (next !== null) setItem(next);
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      if (previous !== null) setItem(previous);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const target = chosen < 0 ? (step === 1 ? 0 : options.length - 1) : Math.min(options.length - 1, Math.max(0, chosen + step));
      if (target !== chosen) void save(item, options[target].value);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      goOn();
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    window.addEventListener('keydown', listener, { capture: true });
    return () => window.removeEventListener('keydown', listener, { capture: true });
  }, []);

  if (phase === 'review') {
    return (
      <Result
        status="warning"
        title={t('assessments.studentMode.unansweredTitle')}
        subTitle={
          <span data-testid="unanswered-list">
            {t('assessments.studentMode.unansweredList', {
              items: unanswered.map((number) => t('assessments.studentMode.itemRef', { number })).join('、'),
            })}
          </span>
        }
        extra={[
          <Button
            key="back"
            size="large"
            type="primary"
            onClick={() => {
              setItem(unanswered[0]);
              setPhase('answering');
            }}
          >
            {t('assessments.studentMode.goBack')}
          </Button>,
          <Button key="submit" size="large" loading={finishBusy} onClick={() => void finish()}>
            {t('assessments.studentMode.submitAnyway')}
          </Button>,
        ]}
      >
        {finishError ? <Alert type="error" showIcon title={finishError} /> : null}
      </Result>
    );
  }

  const value = responses[item - 1];
  return (
    <>
      <Typography.Paragraph style={{ fontSize: 16, color: '#3d4f5a' }}>{form.instructions}</Typography.Paragraph>
      <Flex align="center" gap={16} style={{ marginBottom: 8 }}>
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }} data-testid="student-progress">
          {t('assessments.studentMode.progress', { current: item, total })}
        </Typography.Text>
        <Progress percent={asked ? Math.round((answered / asked) * 100) : 0} showInfo={false} strokeColor="#2f6f8f" style={{ margin: 0, flex: 1 }} />
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {t('assessments.studentMode.answeredCount', { answered, total: asked })}
        </Typography.Text>
      </Flex>
      <section aria-labelledby="student-item-text" style={{ marginTop: 24 }}>
        <Typography.Title level={3} id="student-item-text" style={{ marginTop: 0, lineHeight: 1.5, fontWeight: 500 }}>
          {current.text ? `${current.number}. ${current.text}` : t('assessments.studentMode.itemRef', { number: current.number })}
        </Typography.Title>
        {!current.text ? <Typography.Paragraph type="secondary">{t('assessments.studentMode.noText', { number: current.number })}</Typography.Paragraph> : null}
        <Radio.Group
          value={value}
          onChange={(event) => void save(item, event.target.value as number)}
          style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}
          aria-labelledby="student-item-text"
        >
          {current.options.map((option, index) => (
            <Radio key={option.value} value={option.value} style={value === option.value ? SELECTED_STYLE : OPTION_STYLE}>
              <span style={KEY_STYLE} aria-hidden>
                {index + 1}
              </span>
              {option.label}
            </Radio>
          ))}
        </Radio.Group>
        {saveError ? <Alert type="error" showIcon title={saveError} style={{ marginTop: 16 }} /> : null}
        {finishError ? <Alert type="error" showIcon title={finishError} style={{ marginTop: 16 }} /> : null}
      </section>
      <Flex justify="space-between" align="center" style={{ marginTop: 32 }}>
        <Button size="large" icon={<LeftOutlined />} disabled={previous === null} onClick={() => previous !== null && setItem(previous)}>
          {t('assessments.studentMode.previous')}
        </Button>
        {next !== null ? (
          <Button size="large" type="primary" onClick={goOn}>
            {t('assessments.studentMode.next')} <RightOutlined />
          </Button>
        ) : (
          <Button size="large" type="primary" icon={<CheckCircleOutlined />} loading={finishBusy} onClick={goOn}>
            {t('assessments.studentMode.submit')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0, fontSize: 13, textAlign: 'center' }}>
        {t('assessments.studentMode.keyboardHint')}
      </Typography.Paragraph>
    </>
  );
}

/**
 * Student mode: the whole window is the questionnaire (no menu, no name, no scores). The core
 * refuses every other call until the counselor exits with their password.
 */
export function StudentMode({ onExit }: { onExit: () => void }) {
  const { t, i18n } = useTranslation();
  const form = useCallQuery('studentMode.form', {});
  const [done, setDone] = useState(false);
  const [exiting, setExiting] = useState(false);
  const notInStudentMode = form.error instanceof CallError && form.error.reason === 'notInStudentMode';

  useEffect(() => {
    requestFullscreen();
  }, []);

  const title = form.data ? (i18n.language.startsWith('en') ? form.data.titleEn : form.data.title) : null;
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);

  // Known from the start, not only at the teacher's exit: if the workstation locks (idle) while the
  // student is done, the result is still shown to whoever signs in next with the right to see it.
  const assessmentId = form.data?.assessmentId;
  useEffect(() => {
    if (assessmentId) handOffExitedAssessment(assessmentId);
  }, [assessmentId]);

  useEffect(() => {
    // The core has already left student mode (exited elsewhere): back to the main window.
    if (notInStudentMode) onExit();
  }, [notInStudentMode, onExit]);

  const exited = (assessmentId: string) => {
    leaveFullscreen();
    // The main window shows this form's critical result (if any) to the teacher at once.
    handOffExitedAssessment(assessmentId);
    onExit();
  };

  const finished = done || form.data?.status === 'complete';

  return (
    <div
      className="student-mode"
      data-testid="student-mode"
      style={{ position: 'fixed', inset: 0, overflowY: 'auto', background: '#f3f5f7', display: 'flex', flexDirection: 'column' }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '16px 32px', background: '#fff', borderBottom: '1px solid #e3e8ec' }}>
        <Typography.Title level={3} style={{ margin: 0, color: '#1f4b60' }}>
          {title ?? '\u00a0'}
        </Typography.Title>
        <Button type="text" size="small" style={{ color: 'rgba(0,0,0,0.35)' }} onClick={() => setExiting(true)}>
          {t('assessments.studentMode.exit')}
        </Button>
      </Flex>
      <main style={{ flex: 1, display: 'flex', justifyContent: 'center', padding: '32px 24px' }}>
        <div
          style={{
            width: '100%',
            maxWidth: 860,
            background: '#fff',
            borderRadius: 12,
            padding: '32px 40px',
            boxShadow: '0 4px 24px rgba(31,75,96,0.08)',
            alignSelf: 'flex-start',
          }}
        >
          {form.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
          {form.isError && !notInStudentMode ? (
            <Result
              status="error"
              title={t('assessments.studentMode.loadFailed')}
              subTitle={errorMessage(form.error, t)}
              extra={<Button onClick={() => void form.refetch()}>{t('assessments.studentMode.retry')}</Button>}
            />
          ) : null}
          {form.data && finished ? (
            <Result
              status="success"
              title={t('assessments.studentMode.thanksTitle')}
              subTitle={<span style={{ fontSize: 18 }}>{t('assessments.studentMode.thanksText')}</span>}
            />
          ) : null}
          {form.data && !finished ? <Questionnaire form={form.data} paused={exiting} onFinished={() => setDone(true)} /> : null}
        </div>
      </main>
      {exiting ? <ExitStudentModeModal onCancel={() => setExiting(false)} onExited={exited} /> : null}
    </div>
  );
}

import { App, Button, Card, Flex, Result, Steps, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROSTER_FIELDS, type ChannelOutput, type RosterField, type RosterMapping } from '../../src-shared/contract';
import { call, isCallError } from '../api/client';
import { useAction } from '../api/mutations';
import { ErrorAlert } from '../components/ErrorAlert';
import { FileStep } from '../components/roster/FileStep';
import { JobProgressView } from '../components/roster/JobProgressView';
import { MappingStep, type RosterPreview } from '../components/roster/MappingStep';
import { PreviewStep } from '../components/roster/PreviewStep';
import { rejectedFileName } from '../components/roster/rosterFile';
import { fileProblem, formatBytes, MAX_IMPORT_MEGABYTES, newJobId, readAsBase64, saveBase64File } from '../files/importFile';
import { useJobProgress } from '../hooks/useJobProgress';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';

interface Source {
  fileName: string;
  contentBase64: string;
  size: number;
}

type Outcome =
  | { kind: 'running'; jobId: string; cancelling: boolean }
  | { kind: 'done'; plan: ChannelOutput<'roster.import'> }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** Every field named, unmapped ones as null, so what is sent is what the selects show. */
function fullMapping(mapping: RosterMapping): RosterMapping {
  return Object.fromEntries(ROSTER_FIELDS.map((field) => [field, mapping[field] ?? null])) as RosterMapping;
}

const isCancelled = (error: unknown) => isCallError(error) && error.code === 'CANCELLED';

/**
 * 导入花名册: file -> columns -> check -> import. The core reads the file (.xlsx, or CSV in UTF-8
 * or GBK) and plans the import; the plan shown is the plan committed, in one transaction, and a
 * cancelled import writes nothing.
 */
export function RosterImport({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { progress, track } = useJobProgress();
  const [step, setStep] = useState(0);
  const [source, setSource] = useState<Source | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [mapping, setMapping] = useState<RosterMapping>({});
  const [previewJob, setPreviewJob] = useState<{ jobId: string; cancelling: boolean } | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const previewSeq = useRef(0);

  /** Asks the core to read and plan the file; a later request wins over an earlier one still running. */
  const runPreview = async (file: Source, given?: RosterMapping) => {
    const seq = ++previewSeq.current;
    const jobId = newJobId();
    track(jobId);
    setPreviewJob({ jobId, cancelling: false });
    setError(null);
    try {
      const result = await call('roster.preview', { fileName: file.fileName, contentBase64: file.contentBase64, jobId, ...(given ? { mapping: given } : {}) });
      if (seq !== previewSeq.current) return;
      setPreview(result);
      setMapping(fullMapping(result.mapping));
      setStep((current) => (current === 0 ? 1 : current));
    } catch (failure) {
      if (seq !== previewSeq.current) return;
      if (isCancelled(failure)) {
        if (!preview) setSource(null);
      } else {
        setError(errorMessage(failure, t));
        if (preview) setMapping(fullMapping(preview.mapping));
      }
    } finally {
      if (seq === previewSeq.current) setPreviewJob(null);
    }
  };

  const chooseFile = async (file: File) => {
    setError(null);
    const problem = fileProblem(file);
    if (problem) {
      setError(t(`roster.file.${problem}`, { name: file.name, size: MAX_IMPORT_MEGABYTES }));
      return;
    }
    setReading(true);
    let contentBase64: string;
    try {
      contentBase64 = await readAsBase64(file);
    } catch {
      setError(t('roster.file.readFailed', { name: file.name }));
      return;
    } finally {
      setReading(false);
    }
    if (!contentBase64) {
      setError(t('errors.reasons.emptyFile'));
      return;
    }
    const next = { fileName: file.name, contentBase64, size: file.size };
    setSource(next);
    setPreview(null);
    await runPreview(next);
  };

  const changeMapping = (field: RosterField, header: string | null) => {
    if (!source) return;
    const next = fullMapping({ ...mapping, [field]: header });
    setMapping(next);
    void runPreview(source, next);
  };

  const cancelPreview = () => {
    if (!previewJob) return;
    setPreviewJob({ ...previewJob, cancelling: true });
    void call('jobs.cancel', { jobId: previewJob.jobId }).catch(() => undefined);
  };

  // The outcome page says how it ended: the plan committed, cancelled, or the failure's words.
  const importRoster = useAction(
    ({ file, jobId }: { file: Source; jobId: string }) =>
      call('roster.import', { fileName: file.fileName, contentBase64: file.contentBase64, mapping: fullMapping(mapping), jobId }),
    {
      onSuccess: (plan) => setOutcome({ kind: 'done', plan }),
      onError: (failure) => setOutcome(isCancelled(failure) ? { kind: 'cancelled' } : { kind: 'failed', message: errorMessage(failure, t) }),
    },
  );

  const startImport = async () => {
    if (!source) return;
    const jobId = newJobId();
    track(jobId);
    setStep(3);
    setOutcome({ kind: 'running', jobId, cancelling: false });
    await importRoster.run({ file: source, jobId });
    // The student lists and the remembered columns refetch from store.changed (a cancel or failure wrote nothing).
    track(null);
  };

  const cancelImport = async () => {
    if (outcome?.kind !== 'running') return;
    setOutcome({ ...outcome, cancelling: true });
    try {
      await call('jobs.cancel', { jobId: outcome.jobId });
    } catch (failure) {
      void message.error(errorMessage(failure, t));
    }
  };

  const saveRejected = () => {
    if (!source || !preview?.rejectedCsvBase64) return;
    const name = rejectedFileName(source.fileName);
    saveBase64File(preview.rejectedCsvBase64, name);
    void message.success(t('roster.preview.savedRejected', { name }));
  };

  const restart = () => {
    previewSeq.current += 1;
    track(null);
    setStep(0);
    setSource(null);
    setPreview(null);
    setMapping({});
    setOutcome(null);
    setError(null);
    setPreviewJob(null);
  };

  const checking = previewJob !== null;
  const blocked = !preview || preview.mappingErrors.length > 0 || checking;

  return (
    <Card title={t('roster.title')}>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[
          { title: t('roster.steps.file') },
          { title: t('roster.steps.mapping') },
          { title: t('roster.steps.preview') },
          { title: t('roster.steps.import') },
        ]}
      />
      {source && step > 0 && step < 3 ? (
        <Typography.Paragraph type="secondary" data-testid="roster-file">
          {t('roster.file.selected', { name: source.fileName, size: formatBytes(source.size) })}
        </Typography.Paragraph>
      ) : null}

      {step === 0 ? (
        checking || reading ? (
          <JobProgressView
            title={reading ? t('roster.file.reading') : t('roster.file.selected', { name: source?.fileName ?? '', size: formatBytes(source?.size ?? 0) })}
            progress={progress}
            onCancel={checking ? cancelPreview : undefined}
            cancelling={previewJob?.cancelling}
            cancelLabel={t('common.cancel')}
          />
        ) : (
          <FileStep onFile={(file) => void chooseFile(file)} error={error} />
        )
      ) : null}

      {step === 1 && preview ? (
        <>
          <ErrorAlert message={error} />
          <MappingStep preview={preview} mapping={mapping} checking={checking} onChange={changeMapping} onRedetect={() => source && void runPreview(source)} />
          <Flex justify="space-between" style={{ marginTop: 16 }}>
            <Button onClick={restart}>{t('common.back')}</Button>
            <Button type="primary" disabled={blocked} onClick={() => setStep(2)}>
              {t('common.next')}
            </Button>
          </Flex>
        </>
      ) : null}

      {step === 2 && preview ? (
        <>
          <PreviewStep preview={preview} mapping={mapping} onSaveRejected={saveRejected} />
          <Flex justify="space-between" style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(1)}>{t('common.back')}</Button>
            <Button type="primary" disabled={blocked} onClick={() => void startImport()}>
              {t('roster.preview.start')}
            </Button>
          </Flex>
        </>
      ) : null}

      {step === 3 && outcome?.kind === 'running' ? (
        <JobProgressView title={t('roster.progress.title')} progress={progress} onCancel={() => void cancelImport()} cancelling={outcome.cancelling} />
      ) : null}
      {step === 3 && outcome?.kind === 'done' ? (
        <Result
          status="success"
          title={t('roster.result.success')}
          subTitle={t('roster.result.summary', {
            created: outcome.plan.created.toLocaleString(),
            updated: outcome.plan.updated.toLocaleString(),
            unchanged: outcome.plan.unchanged.toLocaleString(),
            rejected: outcome.plan.rejected.length.toLocaleString(),
          })}
          extra={[
            <Button key="students" type="primary" autoFocus onClick={() => onNavigate('students')}>
              {t('roster.result.viewStudents')}
            </Button>,
            <Button key="another" onClick={restart}>
              {t('roster.result.another')}
            </Button>,
          ]}
        />
      ) : null}
      {step === 3 && outcome?.kind === 'cancelled' ? (
        <Result
          status="warning"
          title={t('roster.result.cancelled')}
          subTitle={t('roster.result.cancelledDetail')}
          extra={[
            <Button key="back" type="primary" autoFocus onClick={() => setStep(2)}>
              {t('common.back')}
            </Button>,
            <Button key="another" onClick={restart}>
              {t('roster.result.another')}
            </Button>,
          ]}
        />
      ) : null}
      {step === 3 && outcome?.kind === 'failed' ? (
        <Result
          status="error"
          title={t('roster.result.failed')}
          subTitle={outcome.message}
          extra={[
            <Button key="retry" type="primary" autoFocus onClick={() => void startImport()}>
              {t('roster.result.retry')}
            </Button>,
            <Button key="back" onClick={() => setStep(2)}>
              {t('common.back')}
            </Button>,
          ]}
        />
      ) : null}
    </Card>
  );
}

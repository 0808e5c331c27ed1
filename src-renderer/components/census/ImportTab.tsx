import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Input, Result, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CensusMapping, ChannelInput, ChannelOutput } from '../../../src-shared/contract';
import { call, isCallError } from '../../api/client';
import { useWrite } from '../../api/mutations';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { ColumnMapping } from './ColumnMapping';
import { fileProblem, formatBytes, IMPORT_EXTENSIONS, MAX_IMPORT_MEGABYTES, newJobId, readAsBase64 } from '../../files/importFile';
import { instrumentShort, upiCategoryName, type CensusBatch } from './labels';
import { progressPercent, useJobProgress, type JobProgress } from '../../hooks/useJobProgress';
import { JobProgressBar } from '../jobs/JobProgressBar';
import { isTextKey, textOr } from '../../i18n/keys';

/** Scoring makes checking the larger part of a census import. */
const CENSUS_PHASES = { parse: [0, 10], validate: [10, 80], write: [80, 100] } satisfies Record<string, [number, number]>;

type Preview = ChannelOutput<'census.preview'>;
type Summary = ChannelOutput<'census.import'>;
type Problem = Preview['problems'][number];

interface Source {
  fileName: string;
  contentBase64: string;
  size: number;
}

/** What the user chose besides the file: new students, which instruments the file holds, corrected columns. */
interface Choices {
  createMissingStudents: boolean;
  instruments: string[];
  mapping?: CensusMapping;
  /** The census platform the file comes from: a corrected mapping is remembered under its name. */
  platform: string;
}

const DEFAULT_PLATFORM = 'default';

type Stage =
  | { kind: 'choose' }
  | { kind: 'checking'; jobId: string | null; cancelling: boolean }
  | { kind: 'preview' }
  | { kind: 'importing'; jobId: string; cancelling: boolean }
  | { kind: 'done'; summary: Summary }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** Reasons that reject a row; the others are warnings on rows that are imported. */
const WARNINGS = new Set(['duplicateInFile', 'incomplete']);

const isCancelled = (error: unknown) => isCallError(error) && error.code === 'CANCELLED';

function JobView({ title, progress, cancelling, onCancel }: { title: string; progress: JobProgress | null; cancelling: boolean; onCancel?: () => void }) {
  const { t } = useTranslation();
  const key = `census.import.phases.${progress?.phase ?? 'parse'}`;
  const phase = isTextKey(key)
    ? t(key, { replace: { done: (progress?.done ?? 0).toLocaleString(), total: (progress?.total ?? 0).toLocaleString() } })
    : (progress?.phase ?? '');
  return (
    <JobProgressBar
      title={title}
      label={title}
      percent={progressPercent(progress, CENSUS_PHASES)}
      phase={phase}
      phaseTestId="census-job-phase"
      cancelling={cancelling}
      cancellingText={t('census.import.cancelling')}
      cancelText={t('census.import.cancel')}
      onCancel={onCancel}
      style={{ maxWidth: 560, margin: '24px auto' }}
    />
  );
}

/** A count's title; UPI categories take the words of the one label source (一类/二类). */
function countLabel(key: string, t: TFunction): string {
  if (key === 'category1') return upiCategoryName(1, t);
  if (key === 'category2') return upiCategoryName(2, t);
  return textOr(`census.import.counts.${key}`, key, t);
}

function Counts({ summary }: { summary: Preview }) {
  const { t } = useTranslation();
  const tiles: [string, number | undefined, string?][] = [
    ['rows', summary.rows],
    ['imported', summary.imported],
    ['unchanged', summary.unchanged],
    ['rejected', summary.rejected.length, summary.rejected.length > 0 ? '#cf1322' : undefined],
    ['warnings', summary.warnings.length, summary.warnings.length > 0 ? '#d48806' : undefined],
    ['positive', summary.positive],
    ['category1', summary.category1],
    ['category2', summary.category2],
    ['alerts', summary.alerts, summary.alerts > 0 ? '#cf1322' : undefined],
  ];
  return (
    <div
      data-testid="census-preview-counts"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12, marginBottom: 16 }}
    >
      {tiles
        .filter(([, value]) => value !== undefined)
        .map(([key, value, color]) => (
          <Statistic key={key} title={countLabel(key, t)} value={value} styles={{ content: { fontSize: 22, color } }} />
        ))}
    </div>
  );
}

function ProblemsTable({ problems }: { problems: Problem[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Problem & { key: number }> = [
    { title: t('census.import.columns.row'), dataIndex: 'row', width: 80 },
    {
      title: t('census.import.columns.reason'),
      dataIndex: 'reason',
      render: (reason: Problem['reason']) => <Tag color={WARNINGS.has(reason) ? 'gold' : 'red'}>{t(`census.problems.${reason}`)}</Tag>,
    },
    { title: t('census.import.columns.instrument'), dataIndex: 'instrument', width: 110, render: (id?: string) => (id ? instrumentShort(id) : '') },
    { title: t('census.import.columns.item'), dataIndex: 'item', width: 80, render: (item?: number) => item ?? '' },
    {
      title: t('census.import.columns.value'),
      dataIndex: 'value',
      render: (value: string | undefined, problem) =>
        problem.reason === 'incomplete' && value ? (
          t('census.import.missingCount', { n: value })
        ) : (
          <Typography.Text code={!!value}>{value ?? ''}</Typography.Text>
        ),
    },
  ];
  return (
    <div data-testid="census-problems">
      <Table
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={problems.map((p, key) => ({ ...p, key }))}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('census.import.problemsNone') }}
      />
    </div>
  );
}

/**
 * 导入结果: choose the platform's file, see what the core would import (counts and per-row
 * problems), then import it in one transaction with a progress bar and 取消 (nothing is written
 * when cancelled).
 */
export function ImportTab({ batch, onShowFollowups }: { batch: CensusBatch; onShowFollowups?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { progress, track } = useJobProgress();
  const [source, setSource] = useState<Source | null>(null);
  const [choices, setChoices] = useState<Choices>({ createMissingStudents: false, instruments: [...batch.instruments], platform: DEFAULT_PLATFORM });
  const [platformText, setPlatformText] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  /** The choices of the check on screen: restored when a later check fails or is cancelled. */
  const shown = useRef<Choices | null>(null);

  /** The call's input: the file, the batch, and the choices (instruments only when the file holds fewer than all). */
  const inputFor = (file: Source, chosen: Choices, jobId: string): ChannelInput<'census.preview'> => ({
    batchId: batch.id,
    fileName: file.fileName,
    contentBase64: file.contentBase64,
    createMissingStudents: chosen.createMissingStudents,
    ...(chosen.instruments.length < batch.instruments.length ? { instruments: chosen.instruments as ChannelInput<'census.preview'>['instruments'] } : {}),
    ...(chosen.mapping ? { mapping: chosen.mapping } : {}),
    platform: chosen.platform,
    jobId,
  });

  /** Asks the core to read and check the file; a later request wins over an earlier one still running. */
  const runPreview = async (file: Source, chosen: Choices) => {
    const mine = ++seq.current;
    const jobId = newJobId();
    const before = preview;
    track(jobId);
    setError(null);
    setStage({ kind: 'checking', jobId, cancelling: false });
    try {
      const result = await call('census.preview', inputFor(file, chosen, jobId));
      if (mine !== seq.current) return;
      shown.current = chosen;
      setPreview(result);
      setStage({ kind: 'preview' });
    } catch (failure) {
      if (mine !== seq.current) return;
      const cancelled = isCancelled(failure);
      if (!cancelled) setError(errorMessage(failure, t));
      if (before && shown.current) {
        // A change that does not fit (or a cancelled check) keeps the last good check, with its choices.
        setChoices(shown.current);
        setStage({ kind: 'preview' });
      } else {
        // No check yet: after an error the file stays, so a changed choice can check it again.
        setPreview(null);
        if (cancelled) setSource(null);
        setStage({ kind: 'choose' });
      }
    } finally {
      if (mine === seq.current) track(null);
    }
  };

  const chooseFile = async (file: File) => {
    setError(null);
    const problem = fileProblem(file);
    if (problem) {
      setError(t(`census.import.${problem}`, { name: file.name, size: MAX_IMPORT_MEGABYTES }));
      return;
    }
    setStage({ kind: 'checking', jobId: null, cancelling: false });
    let contentBase64: string;
    try {
      contentBase64 = await readAsBase64(file);
    } catch {
      setStage({ kind: 'choose' });
      setError(t('census.import.readFailed', { name: file.name }));
      return;
    }
    if (!contentBase64) {
      setStage({ kind: 'choose' });
      setError(t('errors.reasons.emptyFile'));
      return;
    }
    const next = { fileName: file.name, contentBase64, size: file.size };
    setSource(next);
    setPreview(null);
    shown.current = null;
    // A new file: its columns are detected (or remembered) afresh.
    const chosen = { ...choices, mapping: undefined };
    setChoices(chosen);
    await runPreview(next, chosen);
  };

  /** A changed choice asks the core again when a file is loaded; the columns are re-detected when the instruments or platform change. */
  const choose = (patch: Partial<Choices>) => {
    const next = { ...choices, ...patch, ...('instruments' in patch || 'platform' in patch ? { mapping: undefined } : {}) };
    setChoices(next);
    if (source && (stage.kind === 'preview' || stage.kind === 'choose')) void runPreview(source, next);
  };

  const cancelJob = async () => {
    if ((stage.kind !== 'checking' && stage.kind !== 'importing') || !stage.jobId) return;
    setStage({ ...stage, cancelling: true });
    try {
      await call('jobs.cancel', { jobId: stage.jobId });
    } catch (failure) {
      void message.error(errorMessage(failure, t));
    }
  };

  // The follow-up list, progress, statistics and the students it created refetch when the core
  // reports the import's commit (store.changed); a cancel or a failure wrote nothing.
  const importFile = useWrite('census.import', {
    onSuccess: (summary) => {
      track(null);
      setStage({ kind: 'done', summary });
    },
    onError: (failure) => {
      track(null);
      setStage(isCancelled(failure) ? { kind: 'cancelled' } : { kind: 'failed', message: errorMessage(failure, t) });
    },
  });
  const startImport = async () => {
    if (!source) return;
    const jobId = newJobId();
    track(jobId);
    setStage({ kind: 'importing', jobId, cancelling: false });
    // Exactly the columns the check used (and showed), so the import is what was previewed.
    await importFile.run(inputFor(source, { ...choices, mapping: preview?.mapping ?? choices.mapping }, jobId));
  };

  const restart = () => {
    seq.current += 1;
    track(null);
    setSource(null);
    setPreview(null);
    shown.current = null;
    setError(null);
    setChoices((current) => ({ ...current, mapping: undefined }));
    setStage({ kind: 'choose' });
  };

  const busy = stage.kind === 'checking' || stage.kind === 'importing';
  const options = (
    <div style={{ marginBottom: 16 }}>
      {batch.instruments.length > 1 ? (
        <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }} role="group" aria-label={t('census.import.fileInstruments')}>
          <Typography.Text>{t('census.import.fileInstruments')}</Typography.Text>
          <Checkbox.Group
            value={choices.instruments}
            disabled={busy}
            options={batch.instruments.map((id) => ({ value: id, label: instrumentShort(id) }))}
            onChange={(value) => {
              if (value.length > 0) choose({ instruments: batch.instruments.filter((id) => value.includes(id)) });
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('census.import.fileInstrumentsHelp')}
          </Typography.Text>
        </Flex>
      ) : null}
      <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <label htmlFor="census-platform">{t('census.import.platform')}</label>
        <Input
          id="census-platform"
          style={{ width: 220 }}
          maxLength={100}
          value={platformText}
          placeholder={t('census.import.platformPlaceholder')}
          disabled={busy}
          onChange={(event) => setPlatformText(event.target.value)}
          onBlur={() => {
            const platform = platformText.trim() || DEFAULT_PLATFORM;
            if (platform !== choices.platform) choose({ platform });
          }}
          onPressEnter={(event) => event.currentTarget.blur()}
        />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('census.import.platformHelp')}
        </Typography.Text>
      </Flex>
      <Checkbox checked={choices.createMissingStudents} onChange={(event) => choose({ createMissingStudents: event.target.checked })} disabled={busy}>
        {t('census.import.createMissing')}
      </Checkbox>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 13 }}>
        {t('census.import.createMissingHelp')}
      </Typography.Paragraph>
    </div>
  );

  if (stage.kind === 'checking') {
    return (
      <JobView
        title={source ? t('census.import.checking', { name: source.fileName }) : t('census.import.reading')}
        progress={progress}
        cancelling={stage.cancelling}
        onCancel={stage.jobId ? () => void cancelJob() : undefined}
      />
    );
  }
  if (stage.kind === 'importing') {
    return <JobView title={t('census.import.importing')} progress={progress} cancelling={stage.cancelling} onCancel={() => void cancelJob()} />;
  }
  if (stage.kind === 'done') {
    const s = stage.summary;
    const screening = (['positive', 'category1', 'category2'] as const)
      .filter((key) => s[key] !== undefined)
      .map((key) => t('census.import.screeningPart', { label: countLabel(key, t), n: s[key] }));
    return (
      <Result
        status="success"
        title={t('census.import.done')}
        subTitle={
          <Space orientation="vertical" size={4}>
            <span>
              {t('census.import.summary', {
                imported: s.imported,
                unchanged: s.unchanged,
                rejected: s.rejected.length,
                warnings: s.warnings.length,
                alerts: s.alerts,
              })}
            </span>
            {screening.length > 0 ? <span>{t('census.import.screening', { parts: screening.join(t('census.import.separator')) })}</span> : null}
          </Space>
        }
        extra={[
          onShowFollowups ? (
            <Button key="followups" type="primary" autoFocus onClick={onShowFollowups}>
              {t('census.import.viewFollowups')}
            </Button>
          ) : null,
          <Button key="another" onClick={restart}>
            {t('census.import.another')}
          </Button>,
        ]}
      />
    );
  }
  if (stage.kind === 'cancelled' || stage.kind === 'failed') {
    const cancelled = stage.kind === 'cancelled';
    return (
      <Result
        status={cancelled ? 'warning' : 'error'}
        title={cancelled ? t('census.import.cancelled') : t('census.import.failed')}
        subTitle={cancelled ? t('census.import.cancelledDetail') : stage.message}
        extra={[
          <Button key="back" type="primary" autoFocus onClick={() => setStage(preview ? { kind: 'preview' } : { kind: 'choose' })}>
            {t('census.import.back')}
          </Button>,
          <Button key="another" onClick={restart}>
            {t('census.import.chooseAnother')}
          </Button>,
        ]}
      />
    );
  }
  if (stage.kind === 'preview' && preview && source) {
    const mappingBroken = preview.mappingErrors.length > 0;
    const nothing = preview.imported === 0 || mappingBroken;
    return (
      <>
        {options}
        <Typography.Paragraph type="secondary" data-testid="census-file">
          {t('census.import.file', { name: source.fileName, size: formatBytes(source.size), encoding: preview.encoding.toUpperCase() })}
        </Typography.Paragraph>
        <ErrorAlert message={error} />
        {mappingBroken ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="census-mapping-errors"
            title={t('census.import.mappingErrorsTitle')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {preview.mappingErrors.map((problem, index) => (
                  <li key={index}>
                    {t(`errors.reasons.${problem.reason}`, { ...problem, instrument: problem.instrument ? instrumentShort(problem.instrument) : '' })}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <ColumnMapping preview={preview} instruments={choices.instruments} onChange={(mapping) => choose({ mapping })} />
        <Typography.Title level={5}>{t('census.import.previewTitle')}</Typography.Title>
        <Counts summary={preview} />
        <Flex justify="space-between" align="center" style={{ marginBottom: 24 }} gap={16}>
          <Button onClick={restart}>{t('census.import.chooseAnother')}</Button>
          <Space>
            {nothing ? (
              <Typography.Text type="secondary">{mappingBroken ? t('census.import.fixMappingFirst') : t('census.import.nothingToImport')}</Typography.Text>
            ) : null}
            <Button type="primary" disabled={nothing} onClick={() => void startImport()}>
              {t('census.import.start')}
            </Button>
          </Space>
        </Flex>
        <Typography.Title level={5}>{t('census.import.problemsTitle')}</Typography.Title>
        {preview.problems.length >= 1000 ? <Typography.Paragraph type="secondary">{t('census.import.problemsCapped')}</Typography.Paragraph> : null}
        <ProblemsTable problems={preview.problems} />
      </>
    );
  }
  return (
    <Flex vertical gap={8}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('census.import.intro')}
      </Typography.Paragraph>
      {options}
      <ErrorAlert message={error} />
      {source ? (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('census.import.fileChosen', { name: source.fileName, size: formatBytes(source.size) })}
        </Typography.Paragraph>
      ) : null}
      <Upload.Dragger
        accept={{ format: IMPORT_EXTENSIONS.join(','), filter: 'native' }}
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          void chooseFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('census.import.drop')}</p>
        <p className="ant-upload-hint">{t('census.import.hint', { size: MAX_IMPORT_MEGABYTES })}</p>
      </Upload.Dragger>
    </Flex>
  );
}

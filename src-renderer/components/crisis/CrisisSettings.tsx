import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, InputNumber, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { crisisLevelsSchema, crisisTemplateDefinitionSchema, type CrisisLevel, type CrisisTemplateDefinition } from '../../../src-shared/contract/crisis';
import { ROLES } from '../../../src-shared/permissions';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage, issueMessage, type Issue } from '../../i18n/errors';
import { useCan } from '../../session';
import { ErrorAlert } from '../ErrorAlert';
import { ApprovalsCard } from '../leadership/ApprovalsCard';
import { textOr } from '../../i18n/keys';

const COLORS = ['red', 'volcano', 'orange', 'gold', 'yellow', 'lime', 'green', 'cyan', 'blue', 'purple', 'magenta'];
type Step = CrisisTemplateDefinition['steps'][number];

/** A key for a new step: never typed by people (they see the title), unique in the template. */
export function newStepKey(steps: readonly Pick<Step, 'key'>[]): string {
  const taken = new Set(steps.map((step) => step.key));
  let n = steps.length + 1;
  while (taken.has(`step_${n}`)) n += 1;
  return `step_${n}`;
}

/** A level colour by its name in the current language (红, 橙, 黄 …), never the stored key or a hex code. */
export function colorName(color: string, t: TFunction): string {
  return textOr(`crisis.settings.colors.${color}`, t('crisis.settings.colors.custom'), t);
}

/** The core's default grace for 发现即办 steps when a template does not set one. */
const DEFAULT_GRACE_MINUTES = 15;

/** The first problem of a local check, with the row it is on. */
function firstProblem(error: z.ZodError, t: TFunction): string {
  const issue = error.issues[0] as unknown as Issue;
  const row = issue.path.find((p) => typeof p === 'number');
  const text =
    issue.message === 'crisisDuplicateLevelKey'
      ? t('crisis.errors.crisisDuplicateLevelKey')
      : issue.path.includes('key') && issue.code === 'invalid_format'
        ? t('crisis.settings.invalidKey')
        : issueMessage(issue, t);
  return row === undefined ? text : `#${Number(row) + 1}: ${text}`;
}

function move<T>(rows: T[], index: number, by: number): T[] {
  const target = index + by;
  if (target < 0 || target >= rows.length) return rows;
  const next = [...rows];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** Crisis templates (versioned) and the level scheme in Settings: crisis.configure only. */
export function CrisisSettings() {
  const canConfigure = useCan('crisis.configure');
  if (!canConfigure) return null;
  return (
    <>
      <LevelsEditor />
      <TemplateEditor />
      <ApprovalsCard />
    </>
  );
}

function LevelsEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const levels = useCallQuery('crisis.levels', {});
  const [rows, setRows] = useState<CrisisLevel[] | null>(null);
  // A problem found before sending (the contract's own check), else the write's error.
  const [problem, setProblem] = useState<string | null>(null);
  const setLevels = useWrite('crisis.setLevels', {
    onSuccess: (saved) => {
      setRows(saved);
      void message.success(t('crisis.settings.levelsSaved'));
    },
  });
  useEffect(() => {
    if (levels.data && rows === null) setRows(levels.data);
  }, [levels.data, rows]);
  if (!rows)
    return (
      <Card title={t('crisis.settings.levelsTitle')}>{levels.isError ? <ErrorAlert message={errorMessage(levels.error, t)} /> : <Skeleton active />}</Card>
    );

  const update = (index: number, patch: Partial<CrisisLevel>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const save = async () => {
    const parsed = crisisLevelsSchema.safeParse(rows);
    setLevels.reset();
    setProblem(parsed.success ? null : firstProblem(parsed.error, t));
    if (parsed.success) await setLevels.run({ levels: parsed.data });
  };

  return (
    <Card title={t('crisis.settings.levelsTitle')} data-testid="crisis-levels-settings">
      <Typography.Paragraph type="secondary">{t('crisis.settings.levelsIntro')}</Typography.Paragraph>
      <ErrorAlert message={problem ?? setLevels.error} />
      <Table<CrisisLevel>
        rowKey={(_, i) => String(i)}
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('crisis.settings.key'),
            key: 'key',
            width: 100,
            render: (_, row, i) => (
              <Input aria-label={t('crisis.settings.key')} value={row.key} maxLength={16} onChange={(e) => update(i, { key: e.target.value })} />
            ),
          },
          {
            title: t('crisis.settings.label'),
            key: 'label',
            render: (_, row, i) => (
              <Input aria-label={t('crisis.settings.label')} value={row.label} maxLength={32} onChange={(e) => update(i, { label: e.target.value })} />
            ),
          },
          {
            title: t('crisis.settings.color'),
            key: 'color',
            width: 170,
            render: (_, row, i) => (
              <Select
                aria-label={t('crisis.settings.color')}
                style={{ width: 150 }}
                value={row.color}
                onChange={(color) => update(i, { color })}
                options={[...COLORS, ...(COLORS.includes(row.color) ? [] : [row.color])].map((c) => ({
                  value: c,
                  label: <Tag color={c}>{colorName(c, t)}</Tag>,
                }))}
              />
            ),
          },
          {
            title: t('crisis.settings.cadence'),
            key: 'cadence',
            width: 140,
            render: (_, row, i) => (
              <InputNumber
                aria-label={t('crisis.settings.cadence')}
                min={1}
                max={365}
                precision={0}
                value={row.cadenceDays}
                onChange={(v) => update(i, { cadenceDays: Number(v ?? 1) })}
              />
            ),
          },
          {
            key: 'actions',
            width: 120,
            render: (_, _row, i) => (
              <Flex gap={4}>
                <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('crisis.settings.moveUp')} onClick={() => setRows(move(rows, i, -1))} />
                <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('crisis.settings.moveDown')} onClick={() => setRows(move(rows, i, 1))} />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('crisis.settings.remove')}
                  onClick={() => setRows(rows.filter((_, j) => j !== i))}
                />
              </Flex>
            ),
          },
        ]}
      />
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, { key: String(rows.length + 1), label: '', color: 'blue', cadenceDays: 30 }])}>
          {t('crisis.settings.addLevel')}
        </Button>
        <Button type="primary" loading={setLevels.pending} onClick={() => void save()}>
          {t('crisis.settings.saveLevels')}
        </Button>
      </Flex>
    </Card>
  );
}

function TemplateEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const templates = useCallQuery('crisis.templates', {});
  const levels = useCallQuery('crisis.levels', {}).data ?? [];
  const current = templates.data?.[0];
  const [steps, setSteps] = useState<Step[] | null>(null);
  const [grace, setGrace] = useState<number>(DEFAULT_GRACE_MINUTES);
  const [problem, setProblem] = useState<string | null>(null);
  const saveTemplate = useWrite('crisis.saveTemplate', {
    onSuccess: (saved) => {
      setSteps(saved.definition.steps);
      setGrace(saved.definition.discoveryGraceMinutes ?? DEFAULT_GRACE_MINUTES);
      void message.success(t('crisis.settings.templateSaved', { version: saved.version }));
    },
  });
  useEffect(() => {
    if (current && steps === null) {
      setSteps(current.definition.steps);
      setGrace(current.definition.discoveryGraceMinutes ?? DEFAULT_GRACE_MINUTES);
    }
  }, [current, steps]);
  if (!steps || !current)
    return (
      <Card title={t('crisis.settings.templateTitle')}>
        {templates.isError ? <ErrorAlert message={errorMessage(templates.error, t)} /> : <Skeleton active />}
      </Card>
    );

  const update = (index: number, patch: Partial<Step>) => setSteps(steps.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const save = async () => {
    const parsed = crisisTemplateDefinitionSchema.safeParse({ steps, discoveryGraceMinutes: grace });
    saveTemplate.reset();
    setProblem(parsed.success ? null : firstProblem(parsed.error, t));
    if (parsed.success) await saveTemplate.run({ definition: parsed.data });
  };

  return (
    <Card
      title={t('crisis.settings.templateTitle')}
      extra={<Tag data-testid="crisis-template-version">{t('crisis.settings.currentVersion', { version: current.version })}</Tag>}
      data-testid="crisis-template-settings"
    >
      <Typography.Paragraph type="secondary">{t('crisis.settings.templateIntro')}</Typography.Paragraph>
      <ErrorAlert message={problem ?? saveTemplate.error} />
      <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <label htmlFor="crisis-grace-minutes">{t('crisis.settings.graceMinutes')}</label>
        <InputNumber
          id="crisis-grace-minutes"
          data-testid="crisis-grace-minutes"
          min={0}
          max={240}
          precision={0}
          value={grace}
          onChange={(v) => setGrace(v === null || v === undefined ? DEFAULT_GRACE_MINUTES : Number(v))}
        />
        <Typography.Text type="secondary">{t('crisis.settings.graceHint')}</Typography.Text>
      </Flex>
      <Table<Step>
        rowKey={(_, i) => String(i)}
        size="small"
        pagination={false}
        dataSource={steps}
        // Wide enough for the step title; the page gives it the full width (no key column: keys are generated).
        scroll={{ x: 930 }}
        columns={[
          {
            title: t('crisis.settings.stepTitle'),
            key: 'title',
            render: (_, row, i) => (
              <Input.TextArea
                aria-label={t('crisis.settings.stepTitle')}
                autoSize={{ minRows: 1, maxRows: 4 }}
                value={row.title}
                maxLength={200}
                onChange={(e) => update(i, { title: e.target.value })}
              />
            ),
          },
          {
            title: t('crisis.settings.ownerRole'),
            key: 'ownerRole',
            width: 190,
            render: (_, row, i) => (
              <Select
                aria-label={t('crisis.settings.ownerRole')}
                style={{ width: 180 }}
                value={row.ownerRole}
                onChange={(ownerRole) => update(i, { ownerRole })}
                options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              />
            ),
          },
          {
            title: t('crisis.settings.dueMinutes'),
            key: 'dueMinutes',
            width: 150,
            render: (_, row, i) => (
              <InputNumber
                aria-label={t('crisis.settings.dueMinutes')}
                min={0}
                precision={0}
                value={row.dueMinutes}
                onChange={(v) => update(i, { dueMinutes: v === null || v === undefined ? null : Number(v) })}
              />
            ),
          },
          {
            title: t('crisis.settings.levels'),
            key: 'levels',
            width: 170,
            render: (_, row, i) => (
              <Select
                aria-label={t('crisis.settings.levels')}
                mode="multiple"
                style={{ width: 160 }}
                value={row.levels}
                onChange={(value) => update(i, { levels: value })}
                options={levels.map((l) => ({ value: l.key, label: l.label }))}
              />
            ),
          },
          {
            key: 'actions',
            width: 120,
            render: (_, _row, i) => (
              <Flex gap={4}>
                <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('crisis.settings.moveUp')} onClick={() => setSteps(move(steps, i, -1))} />
                <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('crisis.settings.moveDown')} onClick={() => setSteps(move(steps, i, 1))} />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('crisis.settings.remove')}
                  onClick={() => setSteps(steps.filter((_, j) => j !== i))}
                />
              </Flex>
            ),
          },
        ]}
      />
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button
          icon={<PlusOutlined />}
          onClick={() => setSteps([...steps, { key: newStepKey(steps), title: '', ownerRole: 'counselor', dueMinutes: null, levels: [] }])}
        >
          {t('crisis.settings.addStep')}
        </Button>
        <Button type="primary" loading={saveTemplate.pending} onClick={() => void save()}>
          {t('crisis.settings.saveTemplate')}
        </Button>
      </Flex>
    </Card>
  );
}

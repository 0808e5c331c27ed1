import { EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Form, Input, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SAFETY_PLAN_SECTIONS, type SafetyPlan } from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useHashLocation } from '../../router';
import { useCan } from '../../session';
import { FormModal } from '../FormModal';
import { professionalEntries, sectionProblem, toSections, toTexts, linesOf, type SectionTexts } from './safetyPlanForm';
import { coreFieldErrors } from './shared';
import { localTime } from '../../../src-shared/labels/local-time';

/** The student's safety plan (Stanley-Brown, versioned, printable): the current version, older ones on request. */
export function SafetyPlanPanel({ studentId, eventId, caseId }: { studentId: string; eventId?: string; caseId?: string }) {
  const { t } = useTranslation();
  const canManage = useCan('crisis.manage');
  const [, navigate] = useHashLocation();
  const history = useCallQuery('safetyPlans.history', { studentId }, { enabled: canManage });
  const [shownId, setShownId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  if (!canManage) return null;
  const versions = history.data ?? [];
  const current = versions[0] ?? null;
  const shown = versions.find((v) => v.id === shownId) ?? current;
  return (
    <Flex vertical gap={12} data-testid="safety-plan-panel">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('referrals.safetyPlan.title')}
        </Typography.Title>
        {shown ? (
          <Tag color={shown === current ? 'blue' : 'default'} data-testid="safety-plan-version">
            {t('referrals.safetyPlan.version', { version: shown.version })}
          </Tag>
        ) : null}
        <span style={{ flex: 1 }} />
        {versions.length > 1 ? (
          <Select
            size="middle"
            style={{ width: 200 }}
            aria-label={t('referrals.safetyPlan.history')}
            value={shown?.id}
            onChange={setShownId}
            options={versions.map((v) => ({
              value: v.id,
              label: `${t('referrals.safetyPlan.version', { version: v.version })}${v === current ? ` · ${t('referrals.safetyPlan.current')}` : ''}`,
            }))}
          />
        ) : null}
        {shown ? (
          <Button icon={<PrinterOutlined />} onClick={() => navigate('print', `safety-plan:${shown.id}`)}>
            {t('referrals.safetyPlan.print')}
          </Button>
        ) : null}
        <Button type="primary" icon={current ? <EditOutlined /> : <PlusOutlined />} onClick={() => setEditing(true)} disabled={history.isPending}>
          {current ? t('referrals.safetyPlan.edit') : t('referrals.safetyPlan.create')}
        </Button>
      </Flex>
      {history.isError ? <Alert type="error" showIcon title={errorMessage(history.error, t)} /> : null}
      {history.isPending ? <Skeleton active /> : null}
      {!history.isPending && !shown ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('referrals.safetyPlan.empty')} /> : null}
      {shown ? <PlanView plan={shown} /> : null}
      {editing ? (
        <SafetyPlanEditor
          studentId={studentId}
          eventId={eventId}
          caseId={caseId}
          current={current}
          onClose={() => setEditing(false)}
          onSaved={(plan) => setShownId(plan.id)}
        />
      ) : null}
    </Flex>
  );
}

function PlanView({ plan }: { plan: SafetyPlan }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="safety-plan-view">
      <Typography.Text type="secondary">
        {t('referrals.safetyPlan.madeBy', { name: plan.createdBy?.displayName ?? t('referrals.dash'), at: localTime(plan.createdAt) })}
      </Typography.Text>
      {SAFETY_PLAN_SECTIONS.map((key) => (
        <div key={key}>
          <Typography.Text strong>{t(`referrals.sections.${key}`)}</Typography.Text>
          {plan.sections[key].length > 0 ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {plan.sections[key].map((entry, i) => (
                <li key={i}>{entry}</li>
              ))}
            </ul>
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t('referrals.safetyPlan.none')}
            </Typography.Paragraph>
          )}
        </div>
      ))}
    </Flex>
  );
}

/** 制定 / 修改安全计划: each section as lines of text; saving writes the next version. */
export function SafetyPlanEditor({
  studentId,
  eventId,
  caseId,
  current,
  onClose,
  onSaved,
}: {
  studentId: string;
  eventId?: string;
  caseId?: string;
  current: SafetyPlan | null;
  onClose: () => void;
  onSaved?: (plan: SafetyPlan) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lines = useCallQuery('crisis.lines', {});
  const [form] = Form.useForm<SectionTexts>();
  const save = useWrite('safetyPlans.save', {
    form,
    fieldErrors: (failure) => coreFieldErrors(failure, t, SAFETY_PLAN_SECTIONS, 'sections'),
    onSuccess: (saved) => {
      void message.success(t('referrals.safetyPlan.form.saved', { version: saved.version }));
      onSaved?.(saved);
      onClose();
    },
  });
  const { pending, error } = save;
  const next = (current?.version ?? 0) + 1;

  const fillLines = () => {
    const have = new Set(linesOf(form.getFieldValue('professionals')));
    const missing = professionalEntries(lines.data ?? []).filter((entry) => !have.has(entry));
    form.setFieldValue('professionals', [...have, ...missing].join('\n'));
  };

  const submit = (values: SectionTexts) =>
    save.run({
      studentId,
      eventId: eventId ?? null,
      caseId: caseId ?? null,
      sections: toSections(values),
      basedOnVersion: current?.version ?? 0,
    });

  // A new plan starts with the crisis lines in section 5; a new version starts from the current one.
  const ready = current !== null || !lines.isPending;
  const initial: Partial<SectionTexts> = current ? toTexts(current.sections) : { professionals: professionalEntries(lines.data ?? []).join('\n') };

  return (
    <FormModal<SectionTexts>
      title={current ? t('referrals.safetyPlan.form.editTitle', { version: next }) : t('referrals.safetyPlan.form.createTitle')}
      okText={t('referrals.safetyPlan.form.submit')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={error}
      loading={!ready}
      width={760}
      initialValues={initial}
      testId="safety-plan-form"
      before={<Typography.Paragraph type="secondary">{t('referrals.safetyPlan.form.intro')}</Typography.Paragraph>}
    >
      {SAFETY_PLAN_SECTIONS.map((key) => (
        <Form.Item
          key={key}
          name={key}
          label={t(`referrals.sections.${key}`)}
          extra={
            key === 'professionals' ? (
              <Flex gap={8} align="center" wrap>
                <span>{t(`referrals.sectionHints.${key}`)}</span>
                <Button type="link" size="small" style={{ padding: 0 }} onClick={fillLines}>
                  {t('referrals.safetyPlan.form.fillLines')}
                </Button>
              </Flex>
            ) : (
              t(`referrals.sectionHints.${key}`)
            )
          }
          rules={[
            {
              validator: async (_rule: unknown, value: string | undefined) => {
                const problem = sectionProblem(key, value, t);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      ))}
    </FormModal>
  );
}

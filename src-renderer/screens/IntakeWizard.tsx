import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Radio, Result, Select, Skeleton, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPOSITIONS, PRESENTING_CONCERNS } from '../../src-shared/contract';
import { call } from '../api/client';
import { useAction } from '../api/mutations';
import { useCallQuery } from '../api/queries';
import { askedItems, firstStepOf, intakeFieldErrors, intakeInput, intakeIssues, STEP_FIELDS, type IntakeValues } from '../components/cases/intakeForm';
import { ErrorAlert } from '../components/ErrorAlert';
import { callIssues, clearErrorsOnChange } from '../components/reports/labels';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useSession } from '../session';
import { localTime } from '../../src-shared/labels/local-time';
import type { Resource } from '../i18n/types';

const CSSRS_KEYS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q6b'] as const;
const LIMITS = ['selfHarm', 'othersHarm', 'abuse', 'legal', 'supervision'] as const;
const STEP_KEYS = ['consent', 'concerns', 'history', 'risk', 'disposition'] as const;
const HALF = { flex: '1 1 0', minWidth: 0 };
/** The consent step's own fields, each half a row wide: who and when, and the guardian's. */
type ConsentField = 'consentedBy' | 'consentedAt' | 'guardianName' | 'guardianRelation' | 'guardianPhone' | 'guardianConsentedAt';
const textInput = (maxLength: number) => <Input maxLength={maxLength} autoComplete="off" />;
const whenInput = <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />;

/** Where the intake starts: `report:<id>` (from the triage queue) or `student:<id>` (from the file). */
function parseParam(param: string): { reportId: string | null; studentId: string | null } {
  const [kind, id] = [param.slice(0, param.indexOf(':')), param.slice(param.indexOf(':') + 1)];
  if (kind === 'report' && id) return { reportId: id, studentId: null };
  if (kind === 'student' && id) return { reportId: null, studentId: id };
  return { reportId: null, studentId: null };
}

/** 初始访谈: consent, concerns, history, the C-SSRS screen, impression and disposition; opens the case. */
export function IntakeWizard({ param, onNavigate }: { param: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const source = parseParam(param);
  const report = useCallQuery('reports.get', { id: source.reportId ?? '' }, { enabled: source.reportId !== null });
  const student = useCallQuery('students.get', { id: source.studentId ?? '' }, { enabled: source.studentId !== null });
  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      style={{ paddingInline: 0 }}
      onClick={() => (source.studentId ? onNavigate('student', source.studentId) : onNavigate('triage'))}
    >
      {t(source.studentId ? 'cases.intake.backToStudent' : 'cases.intake.backToTriage')}
    </Button>
  );
  const pending = (source.reportId && report.isPending) || (source.studentId && student.isPending);
  if (pending) return <Card loading title={back} />;
  const failure = report.error ?? student.error;
  const subject = report.data?.student ?? student.data;
  if (failure || !subject) {
    return (
      <Card title={back}>
        <Result status="404" title={t('cases.intake.notFound')} subTitle={failure ? errorMessage(failure, t) : undefined} />
      </Card>
    );
  }
  if (report.data && report.data.status !== 'new') {
    return (
      <Card title={back}>
        <Result
          status="warning"
          title={t('cases.intake.reportHandled')}
          extra={report.data.caseId ? <Button onClick={() => onNavigate('case', report.data!.caseId!)}>{t('reports.triage.goToCase')}</Button> : null}
        />
      </Card>
    );
  }
  return <IntakeForm student={subject} report={report.data ?? null} back={back} onNavigate={onNavigate} />;
}

function IntakeForm({
  student,
  report,
  back,
  onNavigate,
}: {
  student: { id: string; name: string; studentNo: string };
  report: { id: string; reporterKind: keyof Resource['reports']['kinds']; reportedAt: string } | null;
  back: React.ReactNode;
  onNavigate: Navigate;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { session } = useSession();
  const [form] = Form.useForm<IntakeValues>();
  const consentField = (field: ConsentField, input: React.ReactNode) => (
    <Form.Item name={['consent', field]} label={t(`cases.intake.${field}`)} style={HALF}>
      {input}
    </Form.Item>
  );
  const [step, setStep] = useState(0);
  const counselors = useCallQuery('cases.counselors', {});
  const minor = Form.useWatch(['consent', 'minor'], form) === true;
  const concerns = Form.useWatch('concerns', form) ?? [];
  const answers = Form.useWatch('q', form) ?? [];
  const asked = askedItems(answers);
  const context = useMemo(() => ({ studentId: student.id, reportId: report?.id ?? null }), [student.id, report?.id]);

  const initialValues: IntakeValues = {
    consent: { consentedBy: student.name, consentedAt: dayjs(), minor: false, guardianConsentedAt: dayjs() },
    concerns: [],
    q: [],
  };

  /** Check the steps up to `upTo` with the contract; show errors and go to the first bad step. */
  const check = (upTo: number): boolean => {
    const values = form.getFieldsValue(true) as IntakeValues;
    const issues = intakeIssues(values, context, upTo);
    const names = STEP_FIELDS.slice(0, upTo + 1).flat();
    const registered = form.getFieldsError().filter((f) => names.includes(String(f.name[0])) && f.errors.length > 0);
    form.setFields(registered.map((f) => ({ name: f.name, errors: [] })) as never);
    if (issues.length === 0) return true;
    form.setFields(intakeFieldErrors(issues, t, intakeInput(values, context, upTo)) as never);
    setStep(firstStepOf(issues));
    return false;
  };

  // Reports, cases, alerts and the timeline refetch from store.changed. A refusal is shown above the
  // steps, and its issues also on their fields (the wizard goes to the first step with one).
  const intake = useAction((values: IntakeValues) => call('cases.intake', intakeInput(values, context) as never), {
    onSuccess: (done) => {
      void message.success(t('cases.intake.done', { caseNo: done.caseNo }));
      if (done.riskLevel === 'high') modal.error({ title: t('cases.intake.highRiskTitle'), content: t('cases.intake.highRisk'), okText: t('common.close') });
      onNavigate('case', done.caseId);
    },
    onError: (failure, values) => {
      const issues = callIssues(failure);
      if (issues.length > 0) {
        form.setFields(intakeFieldErrors(issues, t, intakeInput(values, context)) as never);
        setStep(firstStepOf(issues));
      }
    },
  });
  const submitting = intake.pending;
  const error = intake.error;

  const submit = async () => {
    intake.reset();
    if (!check(4)) return;
    await intake.run(form.getFieldsValue(true) as IntakeValues);
  };

  const yesNo = [
    { value: 1, label: t('common.yes') },
    { value: 0, label: t('common.no') },
  ];

  return (
    <Flex vertical gap={16}>
      <div>{back}</div>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('cases.intake.title')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('cases.intake.student', { name: student.name, studentNo: student.studentNo })}
          {report ? (
            <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
              {t('cases.intake.fromReport', { kind: t(`reports.kinds.${report.reporterKind}`), when: localTime(report.reportedAt) })}
            </Typography.Text>
          ) : null}
        </Typography.Paragraph>
        <Steps current={step} size="small" items={STEP_KEYS.map((key) => ({ title: t(`cases.intake.steps.${key}`) }))} style={{ marginBottom: 24 }} />
        <ErrorAlert message={error} />
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={initialValues}
          disabled={submitting}
          onValuesChange={clearErrorsOnChange(form, ['q'])}
        >
          {/* Every step stays mounted (hidden when not current) so values and errors survive moving between steps. */}
          <div hidden={step !== 0} data-testid="intake-step-consent">
            <Alert
              type="info"
              style={{ marginBottom: 16 }}
              title={t('cases.intake.consentIntro')}
              description={
                <>
                  <ol style={{ margin: '8px 0', paddingInlineStart: 20 }}>
                    {LIMITS.map((key) => (
                      <li key={key}>{t(`cases.intake.limits.${key}`)}</li>
                    ))}
                  </ol>
                  {t('cases.intake.consentOutro')}
                </>
              }
            />
            <Form.Item name={['consent', 'confidentialityLimitsExplained']} valuePropName="checked">
              <Checkbox>{t('cases.intake.limitsExplained')}</Checkbox>
            </Form.Item>
            <Flex gap={16}>
              {consentField('consentedBy', textInput(64))}
              {consentField('consentedAt', whenInput)}
            </Flex>
            <Form.Item name={['consent', 'minor']} valuePropName="checked">
              <Checkbox>{t('cases.intake.minor')}</Checkbox>
            </Form.Item>
            {minor ? (
              <>
                <Flex gap={16}>
                  {consentField('guardianName', textInput(64))}
                  {consentField('guardianRelation', textInput(32))}
                </Flex>
                <Flex gap={16}>
                  {consentField('guardianPhone', textInput(32))}
                  {consentField('guardianConsentedAt', whenInput)}
                </Flex>
              </>
            ) : null}
          </div>

          <div hidden={step !== 1} data-testid="intake-step-concerns">
            <Form.Item name="concerns" label={t('cases.intake.concerns')}>
              <Checkbox.Group
                options={PRESENTING_CONCERNS.map((value) => ({ value, label: t(`cases.concerns.${value}`) }))}
                style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', rowGap: 8 }}
              />
            </Form.Item>
            {concerns.includes('other') ? (
              <Form.Item name="otherConcern" label={t('cases.intake.otherConcern')}>
                <Input maxLength={500} autoComplete="off" />
              </Form.Item>
            ) : null}
          </div>

          <div hidden={step !== 2} data-testid="intake-step-history">
            <Form.Item name="history" label={t('cases.intake.history')}>
              <Input.TextArea rows={6} maxLength={8000} showCount placeholder={t('cases.intake.historyPlaceholder')} />
            </Form.Item>
          </div>

          <div hidden={step !== 3} data-testid="intake-step-risk">
            <Alert type="warning" showIcon title={t('cases.intake.riskIntro')} style={{ marginBottom: 16 }} />
            {CSSRS_KEYS.map((key, i) =>
              asked[i] ? (
                <Form.Item key={key} name={['q', i]} label={t(`cases.intake.cssrs.${key}`)} style={{ marginBottom: 12 }}>
                  <Radio.Group options={yesNo} aria-label={t(`cases.intake.cssrs.${key}`)} />
                </Form.Item>
              ) : null,
            )}
          </div>

          <div hidden={step !== 4} data-testid="intake-step-disposition">
            <Form.Item name="impression" label={t('cases.intake.impression')}>
              <Input.TextArea rows={4} maxLength={8000} showCount />
            </Form.Item>
            <Form.Item name="disposition" label={t('cases.intake.disposition')}>
              <Radio.Group options={DISPOSITIONS.map((value) => ({ value, label: t(`cases.dispositions.${value}`) }))} />
            </Form.Item>
            <Form.Item name="counselorId" label={t('cases.intake.counselor')} initialValue={session.accountId}>
              <Select
                loading={counselors.isPending}
                style={{ maxWidth: 320 }}
                options={(counselors.data ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </div>
        </Form>
        <Flex gap={8} justify="flex-end">
          {step > 0 ? <Button onClick={() => setStep(step - 1)}>{t('common.back')}</Button> : null}
          {step < 4 ? (
            <Button type="primary" onClick={() => check(step) && setStep(step + 1)}>
              {t('common.next')}
            </Button>
          ) : (
            <Button type="primary" loading={submitting} onClick={() => void submit()}>
              {t('cases.intake.submit')}
            </Button>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}

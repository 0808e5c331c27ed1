import { Alert, Button, Checkbox, Flex, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channels, displayNameSchema, usernameSchema } from '../../src-shared/contract';
import { useWrite } from '../api/mutations';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordFields } from '../components/PasswordFields';
import { RecoveryConfirm } from '../components/RecoveryConfirm';
import { RecoverySheet } from '../components/RecoverySheet';
import { RestoreFromBackup } from '../components/backup/RestoreFromBackup';
import { fieldErrors, schemaRule } from '../i18n/errors';

interface Values {
  schoolName: string;
  workstationName?: string;
  username: string;
  displayName: string;
  password: string;
  passwordConfirm: string;
  adminIsDirector: boolean;
}

const schoolNameSchema = channels['setup.initialize'].input.shape.schoolName;
const workstationNameSchema = channels['setup.initialize'].input.shape.workstationName.unwrap();

/** Contract paths of `setup.initialize` -> the wizard's field names. */
function formField(path: (string | number)[]): string | undefined {
  const last = path[path.length - 1];
  return typeof last === 'string' && ['schoolName', 'workstationName', 'username', 'displayName', 'password'].includes(last) ? last : undefined;
}

/**
 * First run: school, first administrator, the recovery sheet (shown once), and a check that it
 * was stored (two groups typed back). Ends on the lock screen.
 */
export function SetupWizard({ onDone }: { onDone: (username: string) => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<{ code: string; schoolName: string; username: string; createdAt: Date } | null>(null);
  const initialize = useWrite('setup.initialize', {
    form,
    mapPath: formField,
    onSuccess: ({ recoveryCode }, input) => {
      form.setFieldsValue({ password: '', passwordConfirm: '' });
      setResult({ code: recoveryCode, schoolName: input.schoolName.trim(), username: input.admin.username.trim().toLowerCase(), createdAt: new Date() });
      setStep(2);
    },
    // A refused school or workstation name: back to the step that asks for it.
    onError: (failure) => {
      if (fieldErrors(failure, t, formField).some((f) => f.name === 'schoolName' || f.name === 'workstationName')) setStep(0);
    },
  });
  const [restoring, setRestoring] = useState(false);

  const create = async () => {
    const values = form.getFieldsValue(true) as Values;
    await initialize.run({
      schoolName: values.schoolName,
      // Optional: left empty, the log says 本工作站 until the admin names it in settings.
      ...(values.workstationName?.trim() && { workstationName: values.workstationName.trim() }),
      admin: { username: values.username, displayName: values.displayName, password: values.password },
      adminIsDirector: values.adminIsDirector,
    });
  };

  const stepItems = [
    { title: t('setup.steps.school') },
    { title: t('setup.steps.admin') },
    { title: t('setup.steps.recovery') },
    { title: t('setup.steps.confirm') },
  ];

  if (restoring) return <RestoreFromBackup onBack={() => setRestoring(false)} onDone={onDone} />;

  return (
    <AuthLayout title={t('setup.title')} width={720}>
      <Steps current={step} items={stepItems} size="small" style={{ marginBottom: 24 }} />
      {step < 2 ? (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ adminIsDirector: true, workstationName: t('hints.workstationNameDefault') }}
          disabled={initialize.pending}
          onFinish={() => (step === 0 ? setStep(1) : void create())}
        >
          {step === 0 ? (
            <>
              <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
              <Typography.Title level={5}>{t('setup.school.heading')}</Typography.Title>
              <Form.Item name="schoolName" label={t('fields.schoolName')} extra={t('hints.schoolName')} rules={[schemaRule(schoolNameSchema, 'schoolName', t)]}>
                <Input autoFocus maxLength={100} />
              </Form.Item>
              <Form.Item
                name="workstationName"
                label={t('fields.workstationName')}
                extra={t('hints.workstationName')}
                rules={[schemaRule(workstationNameSchema, 'workstationName', t, true)]}
              >
                <Input maxLength={40} placeholder={t('hints.workstationNameDefault')} />
              </Form.Item>
              <Flex justify="space-between" align="center" gap={12} wrap>
                <Button type="link" style={{ paddingInline: 0 }} onClick={() => setRestoring(true)} title={t('backup.restore.openHint')}>
                  {t('backup.restore.open')}
                </Button>
                <Button type="primary" htmlType="submit">
                  {t('common.next')}
                </Button>
              </Flex>
            </>
          ) : (
            <>
              <Typography.Title level={5}>{t('setup.admin.heading')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('setup.admin.intro')}</Typography.Paragraph>
              <ErrorAlert message={initialize.error} />
              <Flex gap={16} wrap>
                <Form.Item
                  name="username"
                  label={t('fields.username')}
                  extra={t('hints.username')}
                  rules={[schemaRule(usernameSchema, 'username', t)]}
                  style={{ flex: '1 1 260px' }}
                >
                  <Input autoFocus autoComplete="off" spellCheck={false} />
                </Form.Item>
                <Form.Item
                  name="displayName"
                  label={t('fields.displayName')}
                  rules={[schemaRule(displayNameSchema, 'displayName', t)]}
                  style={{ flex: '1 1 260px' }}
                >
                  <Input autoComplete="off" />
                </Form.Item>
              </Flex>
              <PasswordFields label={t('fields.password')} confirmLabel={t('fields.passwordConfirm')} row />
              <Form.Item name="adminIsDirector" valuePropName="checked" extra={t('setup.admin.isDirectorHelp')}>
                <Checkbox>{t('setup.admin.isDirector')}</Checkbox>
              </Form.Item>
              {initialize.pending ? <Alert type="info" role="status" showIcon title={t('setup.admin.creating')} style={{ marginBottom: 16 }} /> : null}
              <Flex justify="space-between">
                <Button onClick={() => setStep(0)}>{t('common.back')}</Button>
                <Button type="primary" htmlType="submit" loading={initialize.pending}>
                  {t('setup.admin.create')}
                </Button>
              </Flex>
            </>
          )}
        </Form>
      ) : null}
      {step === 2 && result ? (
        <Flex vertical gap={16}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('setup.recovery.heading')}
          </Typography.Title>
          <RecoverySheet code={result.code} schoolName={result.schoolName} createdAt={result.createdAt} />
          <Flex justify="flex-end">
            <Button type="primary" onClick={() => setStep(3)}>
              {t('setup.recovery.saved')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {step === 3 && result ? (
        <>
          <Typography.Title level={5}>{t('setup.confirm.heading')}</Typography.Title>
          <RecoveryConfirm code={result.code} onReview={() => setStep(2)} onConfirmed={() => onDone(result.username)} />
        </>
      ) : null}
    </AuthLayout>
  );
}

import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Radio, Result, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BACKUP_UPLOAD_BYTES } from '../../../src-shared/contract/backup';
import type { ChannelOutput } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { formatBytes, readAsBase64 } from '../../files/importFile';
import { AuthLayout } from '../AuthLayout';
import { ErrorAlert } from '../ErrorAlert';
import { localTime } from '../../../src-shared/labels/local-time';

interface Values {
  method: 'recoveryCode' | 'password';
  recoveryCode?: string;
  username?: string;
  password?: string;
}

/**
 * 从备份恢复, reached from the first-run screen: a backup file, then the recovery code or an
 * account's password of that backup. The core checks everything before it writes; then the
 * workstation is set up and the person signs in on the lock screen.
 * The browser shell sends the file's bytes (base64); the contract also takes a path, which an
 * Electron host with a file dialog (or the CLI) uses for very large backups.
 */
export function RestoreFromBackup({ onBack, onDone }: { onBack: () => void; onDone: (username: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const method = Form.useWatch('method', form) ?? 'recoveryCode';
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [done, setDone] = useState<ChannelOutput<'backup.restore'> | null>(null);
  // Reads the file's bytes, then restores: one pending state for both.
  const restore = useAction(
    async ({ chosen, values }: { chosen: File; values: Values }) => {
      const contentBase64 = await readAsBase64(chosen);
      const credentials =
        values.method === 'password'
          ? { kind: 'password' as const, username: values.username ?? '', password: values.password ?? '' }
          : { kind: 'recoveryCode' as const, recoveryCode: values.recoveryCode ?? '' };
      return call('backup.restore', { source: { fileName: chosen.name, contentBase64 }, credentials });
    },
    { onSuccess: setDone },
  );

  const chooseFile = (chosen: File) => {
    setFile(null);
    if (!chosen.name.toLowerCase().endsWith('.cbk')) return setFileError(t('backup.restore.wrongType'));
    if (chosen.size > MAX_BACKUP_UPLOAD_BYTES) return setFileError(t('backup.restore.tooLarge'));
    setFileError(null);
    setFile(chosen);
  };

  const submit = async (values: Values) => {
    if (!file) return setFileError(t('backup.restore.fileRequired'));
    await restore.run({ chosen: file, values });
  };

  if (done) {
    return (
      <AuthLayout title={t('backup.restore.title')} width={560}>
        <Result
          status="success"
          title={t('backup.restore.doneTitle')}
          subTitle={t('backup.restore.doneText', { school: done.schoolName, at: localTime(done.createdAt) })}
          extra={
            <Button type="primary" onClick={() => onDone(done.username ?? '')}>
              {t('backup.restore.toSignIn')}
            </Button>
          }
        >
          {/* An old backup without a seal: restored after every other check; say what could not be checked. */}
          {done.authenticated ? null : <Alert type="warning" showIcon title={t('backup.restore.unsealed')} />}
        </Result>
      </AuthLayout>
    );
  }

  const busy = restore.pending;
  return (
    <AuthLayout title={t('backup.restore.title')} width={560}>
      <Typography.Paragraph type="secondary">{t('backup.restore.intro')}</Typography.Paragraph>
      <Form<Values>
        name="restoreBackup"
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ method: 'recoveryCode' }}
        disabled={busy}
        onFinish={(values) => void submit(values)}
        onFinishFailed={() => !file && setFileError(t('backup.restore.fileRequired'))}
      >
        <Form.Item label={t('backup.restore.file')}>
          <Upload.Dragger
            accept={{ format: '.cbk', filter: 'native' }}
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(chosen) => {
              chooseFile(chosen);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">
              {file ? t('backup.restore.chosen', { name: file.name, size: formatBytes(file.size) }) : t('backup.restore.choose')}
            </p>
          </Upload.Dragger>
        </Form.Item>
        <ErrorAlert message={fileError} />
        <Form.Item name="method" label={t('backup.restore.method')}>
          <Radio.Group>
            <Flex vertical gap={4}>
              <Radio value="recoveryCode">{t('backup.restore.byRecoveryCode')}</Radio>
              <Radio value="password">{t('backup.restore.byPassword')}</Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
        {method === 'password' ? (
          <Flex gap={16} wrap>
            <Form.Item
              name="username"
              label={t('backup.restore.username')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              style={{ flex: '1 1 200px' }}
            >
              <Input autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('backup.restore.password')}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ flex: '1 1 200px' }}
            >
              <Input.Password autoComplete="off" />
            </Form.Item>
          </Flex>
        ) : (
          <Form.Item
            name="recoveryCode"
            label={t('backup.restore.recoveryCode')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
        <ErrorAlert message={restore.error} />
        {busy ? <Alert type="info" role="status" showIcon title={t('backup.restore.running')} style={{ marginBottom: 16 }} /> : null}
        <Flex justify="space-between">
          <Button onClick={onBack} disabled={busy}>
            {t('backup.restore.back')}
          </Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('backup.restore.submit')}
          </Button>
        </Flex>
      </Form>
    </AuthLayout>
  );
}

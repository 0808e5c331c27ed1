import { App, Button, Card, Checkbox, Collapse, Flex, Form, Input, Radio, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_RECIPIENT_PATTERN, SYNC_PROFILES, type SyncConfig } from '../../../src-shared/contract/sync';
import type { ChannelOutput } from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { ErrorAlert } from '../ErrorAlert';
import { FolderPathInput } from '../FolderPathInput';
import { ServerKeyImport } from './ServerKeyImport';
import { textOr } from '../../i18n/keys';

interface Values {
  serverRecipient: string;
  serverSigningKeyPem: string;
  folder: string;
  url: string;
  profiles: SyncConfig['profiles'];
  scheduleKind: SyncConfig['schedule']['kind'];
  at: Dayjs | null;
}

const isUrl = (text: string) => /^https?:\/\/\S+$/i.test(text);

/**
 * 学校服务器, as guided steps: 1 the server's keys from the file `school-server keys` writes (typing
 * or pasting them stays possible under 高级), 2 where bundles go, 3 which profiles and when; the
 * workstation's own key (step 4) is the card below. Editable by the administrator only.
 */
export function ServerSettingsCard({ config, editable }: { config: ChannelOutput<'sync.getConfig'>; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useWrite('sync.configure', { onSuccess: () => void message.success(t('sync.server.saved')) });
  const scheduleKind = Form.useWatch('scheduleKind', form);
  const recipient = Form.useWatch('serverRecipient', form) ?? '';
  const signingKeyPem = Form.useWatch('serverSigningKeyPem', form) ?? '';

  useEffect(() => {
    form.setFieldsValue({
      serverRecipient: config.serverRecipient ?? '',
      serverSigningKeyPem: config.serverSigningKeyPem ?? '',
      folder: config.folder ?? '',
      url: config.url ?? '',
      profiles: config.profiles,
      scheduleKind: config.schedule.kind,
      at: config.schedule.at ? dayjs(config.schedule.at, 'HH:mm') : null,
    });
  }, [config, form]);

  const submit = (values: Values) =>
    save.run({
      serverRecipient: values.serverRecipient.trim() || null,
      serverSigningKeyPem: values.serverSigningKeyPem.trim() || null,
      folder: values.folder.trim() || null,
      url: values.url.trim() || null,
      profiles: values.profiles,
      schedule: { kind: values.scheduleKind, at: values.scheduleKind === 'daily' && values.at ? values.at.format('HH:mm') : null },
    });

  const optional = (test: (v: string) => boolean, key: string) => ({
    validator: async (_: unknown, value: string | undefined) => {
      if (value && value.trim() && !test(value.trim())) throw new Error(textOr(key, t('validation.invalid'), t));
    },
  });

  return (
    <Card title={t('sync.server.title')} data-testid="sync-server-card">
      {!editable ? <Typography.Paragraph type="secondary">{t('sync.server.readOnly')}</Typography.Paragraph> : null}
      <ErrorAlert message={save.error} />
      <Form<Values> form={form} layout="vertical" disabled={!editable} onFinish={submit} style={{ maxWidth: 720 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('sync.server.connect.heading')}
        </Typography.Title>
        <ServerKeyImport
          recipient={recipient}
          signingKeyPem={signingKeyPem}
          editable={editable}
          onImported={(keys) => form.setFieldsValue({ serverRecipient: keys.recipient, serverSigningKeyPem: keys.signingKeyPem })}
        />
        {/* Typing or pasting the keys: the fallback when no key file can be brought over. */}
        <Collapse
          ghost
          size="small"
          style={{ margin: '8px 0 16px' }}
          items={[
            {
              key: 'manual',
              label: t('sync.server.connect.advanced'),
              forceRender: true,
              children: (
                <>
                  <Form.Item
                    name="serverRecipient"
                    label={t('sync.server.recipient')}
                    extra={t('sync.server.recipientHelp')}
                    rules={[optional((v) => AGE_RECIPIENT_PATTERN.test(v), 'sync.validation.recipient')]}
                  >
                    <Input placeholder="age1…" autoComplete="off" spellCheck={false} />
                  </Form.Item>
                  <Form.Item
                    name="serverSigningKeyPem"
                    label={t('sync.server.signingKey')}
                    extra={t('sync.server.signingKeyHelp')}
                    rules={[optional((v) => v.includes('BEGIN PUBLIC KEY'), 'sync.validation.signingKey')]}
                  >
                    <Input.TextArea rows={3} placeholder="-----BEGIN PUBLIC KEY-----" spellCheck={false} style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        <Typography.Title level={5}>{t('sync.server.connect.destinationsHeading')}</Typography.Title>
        <Form.Item name="folder" label={t('sync.server.folder')} extra={t('sync.server.folderHelp')}>
          <FolderPathInput dialogTitle={t('sync.server.folder')} />
        </Form.Item>
        <Form.Item name="url" label={t('sync.server.url')} extra={t('sync.server.urlHelp')} rules={[optional(isUrl, 'sync.validation.url')]}>
          <Input autoComplete="off" spellCheck={false} placeholder="https://" />
        </Form.Item>
        <Typography.Title level={5}>{t('sync.server.connect.contentHeading')}</Typography.Title>
        <Form.Item name="profiles" label={t('sync.server.profiles')}>
          <Checkbox.Group>
            <Flex vertical gap={4}>
              {SYNC_PROFILES.map((p) => (
                <Checkbox key={p} value={p}>
                  {t(`sync.profiles.${p}`)}
                  <Typography.Text type="secondary"> — {t(`sync.profileHelp.${p}`)}</Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="scheduleKind" label={t('sync.server.schedule')}>
          <Radio.Group options={(['manual', 'daily', 'onClose'] as const).map((kind) => ({ value: kind, label: t(`sync.server.scheduleKinds.${kind}`) }))} />
        </Form.Item>
        {scheduleKind === 'daily' ? (
          <Form.Item name="at" label={t('sync.server.at')} rules={[{ required: true, message: t('sync.validation.at') }]}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        ) : null}
        {editable ? (
          <Flex vertical gap={8} align="flex-start">
            <Typography.Text type="secondary">{t('sync.server.connect.keyStep')}</Typography.Text>
            <Button type="primary" htmlType="submit" loading={save.pending}>
              {t('sync.server.save')}
            </Button>
          </Flex>
        ) : null}
      </Form>
    </Card>
  );
}

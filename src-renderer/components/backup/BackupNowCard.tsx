import { Alert, Button, Card, Flex, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallMutation } from '../../api/queries';
import { formatBytes } from '../../files/importFile';
import { errorMessage, schemaRule } from '../../i18n/errors';
import { channels } from '../../../src-shared/contract';
import { ErrorAlert } from '../ErrorAlert';

const folderSchema = channels['backup.create'].input.shape.folder;

/**
 * 立即备份. The browser shell cannot open a folder dialog, so the folder is a typed path; the
 * Electron host would offer its folder picker for the same field.
 */
export function BackupNowCard({ defaultFolder }: { defaultFolder?: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ folder: string }>();
  const [done, setDone] = useState<{ file: string; bytes: number } | null>(null);
  const create = useCallMutation('backup.create', {
    onSuccess: (run) => {
      setDone({ file: run.file, bytes: run.bytes });
      void queryClient.invalidateQueries({ queryKey: ['backup.list'] });
    },
  });

  return (
    <Card title={t('backup.now.heading')}>
      <Form
        name="backupNow"
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ folder: defaultFolder ?? '' }}
        disabled={create.isPending}
        onFinish={(values) => {
          setDone(null);
          create.mutate({ folder: values.folder.trim() });
        }}
      >
        <Form.Item name="folder" label={t('backup.now.folder')} extra={t('backup.now.folderHint')} rules={[schemaRule(folderSchema, 'folder', t)]}>
          <Input spellCheck={false} autoComplete="off" />
        </Form.Item>
        <Flex gap={12} align="center" wrap>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('backup.now.submit')}
          </Button>
        </Flex>
      </Form>
      {create.isPending ? <Alert style={{ marginTop: 16 }} type="info" role="status" showIcon title={t('backup.now.running')} /> : null}
      {done ? <Alert style={{ marginTop: 16 }} type="success" role="status" showIcon title={t('backup.now.done', { file: done.file, size: formatBytes(done.bytes) })} /> : null}
      <div style={{ marginTop: create.isError ? 16 : 0 }}>
        <ErrorAlert message={create.isError ? errorMessage(create.error, t) : null} />
      </div>
    </Card>
  );
}

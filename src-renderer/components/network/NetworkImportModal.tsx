import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { fileProblem, IMPORT_EXTENSIONS, MAX_IMPORT_MEGABYTES, readAsBase64 } from '../../files/importFile';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { textOr } from '../../i18n/keys';

type Preview = ChannelOutput<'network.preview'>;
type Plan = ChannelOutput<'network.import'>;

/**
 * 导入工作网络: the roster's check-before-import flow. The file is checked first (new, updated,
 * unchanged and rejected rows with the reason); the import then writes every accepted row in one
 * transaction, checked again by the core.
 */
export function NetworkImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const importAction = useAction((picked: { fileName: string; contentBase64: string }) => call('network.import', picked), { onSuccess: setDone });

  const reset = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
    setError(null);
    importAction.reset();
  };

  const check = async (chosen: File) => {
    reset();
    const problem = fileProblem(chosen);
    if (problem) return setError(t(`roster.file.${problem}`, { name: chosen.name, size: MAX_IMPORT_MEGABYTES }));
    setBusy(true);
    try {
      const picked = { fileName: chosen.name, contentBase64: await readAsBase64(chosen) };
      setFile(picked);
      setPreview(await call('network.preview', picked));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setError(null);
    await importAction.run(file);
  };

  const accepted = preview ? preview.created + preview.updated : 0;
  const counts = (plan: Plan) => ({ ...plan, rejected: plan.rejected.length });

  return (
    <Modal
      open={open}
      title={t('network.import.title')}
      width={760}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={
        done ? (
          <Button type="primary" onClick={() => (reset(), onClose())}>
            {t('common.close')}
          </Button>
        ) : (
          <Flex justify="end" gap={8}>
            <Button onClick={() => (reset(), onClose())}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              disabled={!preview || preview.missingColumns.length > 0 || accepted === 0}
              loading={busy || importAction.pending}
              onClick={() => void commit()}
            >
              {accepted > 0 ? t('network.import.commit', { count: accepted }) : t('network.import.nothing')}
            </Button>
          </Flex>
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('network.import.intro')}
        </Typography.Paragraph>
        <ErrorAlert message={error ?? importAction.error} />
        {!done && (
          <Upload.Dragger
            accept={{ format: IMPORT_EXTENSIONS.join(','), filter: 'native' }}
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(chosen) => {
              void check(chosen);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy ? t('network.import.checking') : t('network.import.choose')}</p>
            {file && <p className="ant-upload-hint">{file.fileName}</p>}
          </Upload.Dragger>
        )}
        {preview && !done && preview.missingColumns.length > 0 && (
          <Alert type="error" showIcon message={t('network.import.missingColumns', { columns: preview.missingColumns.join('、') })} />
        )}
        {preview && !done && preview.missingColumns.length === 0 && (
          <>
            <Alert type={preview.rejected.length > 0 ? 'warning' : 'info'} showIcon message={t('network.import.summary', counts(preview))} />
            {preview.rejected.length > 0 && (
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.reason}`}
                title={() => t('network.import.rejectedTitle')}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                dataSource={preview.rejected}
                columns={[
                  { title: t('network.import.row'), dataIndex: 'row', width: 70 },
                  {
                    title: t('network.import.reason'),
                    dataIndex: 'reason',
                    render: (reason: string) => textOr(`network.import.problems.${reason}`, t('errors.codes.VALIDATION'), t),
                  },
                  {
                    title: t('network.import.field'),
                    dataIndex: 'field',
                    render: (field: string | null) => (field ? textOr(`network.fields.${field === 'username' ? 'account' : field}`, field, t) : ''),
                  },
                  { title: t('network.import.value'), dataIndex: 'value', render: (value: string | null) => value ?? '' },
                ]}
              />
            )}
          </>
        )}
        {done && <Alert type="success" showIcon message={t('network.import.done', counts(done))} />}
      </Flex>
    </Modal>
  );
}

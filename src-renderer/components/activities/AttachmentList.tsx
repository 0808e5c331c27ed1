import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_EXTENSIONS } from '../../../src-shared/contract/attachments';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { formatBytes, readAsBase64, saveBase64File } from '../../files/importFile';
import { errorMessage } from '../../i18n/errors';
import { ErrorAlert } from '../ErrorAlert';
import { ATTACHMENT_MAX_MEGABYTES, attachmentProblem, type AttachmentMeta } from './labels';

/** An activity's files: listed for everyone who reads activities; downloaded, uploaded and deleted by who manages them (a sign-in sheet names students). */
export function AttachmentList({ activityId, attachments, canManage }: { activityId: string; attachments: AttachmentMeta[]; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const uploadAction = useAction(
    async (file: File) => call('activities.addAttachment', { activityId, fileName: file.name, contentBase64: await readAsBase64(file) }),
    { onSuccess: (_saved, file) => void message.success(t('activities.attachments.uploaded', { name: file.name })) },
  );
  const removeAction = useAction((attachment: AttachmentMeta) => call('activities.removeAttachment', { attachmentId: attachment.id }), {
    onSuccess: (_removed, attachment) => void message.success(t('activities.attachments.removed', { name: attachment.fileName })),
  });

  const upload = async (file: File) => {
    const problem = attachmentProblem(file, t);
    setError(problem);
    if (problem) return;
    removeAction.reset();
    await uploadAction.run(file);
  };

  const download = async (attachment: AttachmentMeta) => {
    setBusy(attachment.id);
    setError(null);
    try {
      const file = await call('activities.getAttachment', { attachmentId: attachment.id });
      saveBase64File(file.contentBase64, file.fileName, file.mimeType);
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setBusy(null);
    }
  };

  const remove = async (attachment: AttachmentMeta) => {
    setBusy(attachment.id);
    setError(null);
    uploadAction.reset();
    await removeAction.run(attachment);
    setBusy(null);
  };

  return (
    <Flex vertical gap={8}>
      <ErrorAlert message={error ?? uploadAction.error ?? removeAction.error} />
      {attachments.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.attachments.empty')} /> : null}
      <Flex vertical gap={4} data-testid="activity-attachments">
        {attachments.map((attachment) => (
          <Flex key={attachment.id} align="center" gap={8} wrap>
            <PaperClipOutlined />
            <span>{attachment.fileName}</span>
            <Typography.Text type="secondary">{formatBytes(attachment.size)}</Typography.Text>
            {canManage ? (
              <Button type="link" size="small" icon={<DownloadOutlined />} loading={busy === attachment.id} onClick={() => void download(attachment)}>
                {t('activities.attachments.download')}
              </Button>
            ) : null}
            {canManage ? (
              <Popconfirm
                title={t('activities.attachments.removeConfirm', { name: attachment.fileName })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => remove(attachment)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  {t('activities.attachments.remove')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ))}
      </Flex>
      {canManage ? (
        <Flex vertical gap={4}>
          <Upload
            accept={{ format: ATTACHMENT_EXTENSIONS.join(','), filter: 'native' }}
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploadAction.pending}>
              {t('activities.attachments.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('activities.attachments.hint', { max: ATTACHMENT_MAX_MEGABYTES })}
          </Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}

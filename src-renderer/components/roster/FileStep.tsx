import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ErrorAlert';
import { useCallMutation } from '../../api/queries';
import { IMPORT_EXTENSIONS, MAX_IMPORT_MEGABYTES, saveBase64File, XLSX_TYPE } from '../../files/importFile';
import { errorMessage } from '../../i18n/errors';

/** The empty template (Chinese headers, made by the core from the roster mapping), saved as the exports are. */
function TemplateButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const template = useCallMutation('roster.template', {
    onSuccess: (file) => {
      saveBase64File(file.contentBase64, file.fileName, XLSX_TYPE);
      void message.success(t('roster.file.templateSaved', { name: file.fileName }));
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });
  return (
    <Flex align="center" gap={12} wrap>
      <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate({})}>
        {t('roster.file.template')}
      </Button>
      <Typography.Text type="secondary">{t('roster.file.templateHint')}</Typography.Text>
    </Flex>
  );
}

/** Step 1: pick a .xlsx or .csv file (click, Enter/Space, or drop); nothing is uploaded anywhere, it is read here. */
export function FileStep({ onFile, error, disabled }: { onFile: (file: File) => void; error: string | null; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('roster.file.intro')}
      </Typography.Paragraph>
      <TemplateButton />
      <ErrorAlert message={error} />
      <Upload.Dragger
        // The dialog offers .xlsx/.csv; a dropped file of another type is not dropped silently but refused with a reason.
        accept={{ format: IMPORT_EXTENSIONS.join(','), filter: 'native' }}
        multiple={false}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('roster.file.drop')}</p>
        <p className="ant-upload-hint">{t('roster.file.hint', { size: MAX_IMPORT_MEGABYTES })}</p>
      </Upload.Dragger>
    </Flex>
  );
}

import { InboxOutlined } from '@ant-design/icons';
import { Flex, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../ErrorAlert';
import { IMPORT_EXTENSIONS, MAX_IMPORT_MEGABYTES } from '../../files/importFile';

/** Step 1: pick a .xlsx or .csv file (click, Enter/Space, or drop); nothing is uploaded anywhere, it is read here. */
export function FileStep({ onFile, error, disabled }: { onFile: (file: File) => void; error: string | null; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('roster.file.intro')}
      </Typography.Paragraph>
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

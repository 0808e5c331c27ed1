import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-shared/contract';
import { useCallMutation } from '../../api/queries';
import { saveBase64File } from '../../files/importFile';
import { errorMessage } from '../../i18n/errors';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The filtered log as .xlsx for an inspection (the core records the export). */
export function AuditExportButton({ filter }: { filter: ChannelInput<'auditlog.export'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exporting = useCallMutation('auditlog.export', {
    onSuccess: (file) => {
      saveBase64File(file.contentBase64, file.fileName, XLSX);
      void message.success(t('auditlog.export.done', { rows: file.rows }));
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });
  return (
    <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate(filter)}>
      {t('auditlog.export.button')}
    </Button>
  );
}

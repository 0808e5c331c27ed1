import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { readAsBase64 } from '../../files/importFile';
import { ErrorAlert } from '../ErrorAlert';

/** 回执 and 名单更新: signed files from the school server, verified by the core before anything changes. */
export function ReceiptsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'receipt' | 'update' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const importSigned = useAction(async ({ kind, file, contentBase64 }: { kind: 'receipt' | 'update'; file: File; contentBase64: string }) => {
    if (kind === 'receipt') {
      const { acknowledged } = await call('sync.importReceipt', { fileName: file.name, contentBase64 });
      message.success(acknowledged.length > 0 ? t('sync.receipts.receiptDone', { count: acknowledged.length }) : t('sync.receipts.receiptNothing'));
    } else {
      const applied = await call('sync.importUpdate', { fileName: file.name, contentBase64 });
      const inbound = applied.inbound;
      if (inbound) {
        message.success(t('sync.receipts.inboundDone', { applied: inbound.applied.length, reports: inbound.reportsCreated, skipped: inbound.skipped.length }));
        // A gap is said, not hidden: an earlier return file may still be on someone's desk.
        if (inbound.gaps.length > 0)
          message.warning(
            t('sync.receipts.inboundGap', {
              ranges: inbound.gaps.map((g) => (g.fromSeq === g.toSeq ? `${g.fromSeq}` : `${g.fromSeq}–${g.toSeq}`)).join(', '),
            }),
          );
      } else {
        message.success(t('sync.receipts.updateDone', { ...applied, rejected: applied.rejected.length }));
      }
    }
  });

  const importFile = async (kind: 'receipt' | 'update', file: File) => {
    setError(null);
    importSigned.reset();
    let contentBase64: string;
    try {
      contentBase64 = await readAsBase64(file);
    } catch {
      setError(t('sync.receipts.readFailed', { name: file.name }));
      return;
    }
    setBusy(kind);
    await importSigned.run({ kind, file, contentBase64 });
    setBusy(null);
  };

  const picker = (kind: 'receipt' | 'update', label: string) => (
    <Upload
      accept=".json,application/json"
      maxCount={1}
      showUploadList={false}
      disabled={busy !== null}
      beforeUpload={(file) => {
        void importFile(kind, file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy === kind}>
        {label}
      </Button>
    </Upload>
  );

  return (
    <Card title={t('sync.receipts.title')} data-testid="sync-receipts-card">
      <Typography.Paragraph type="secondary">{t('sync.receipts.help')}</Typography.Paragraph>
      <ErrorAlert message={error ?? importSigned.error} />
      <Flex gap={12} wrap>
        {picker('receipt', t('sync.receipts.importReceipt'))}
        {picker('update', t('sync.receipts.importUpdate'))}
      </Flex>
    </Card>
  );
}

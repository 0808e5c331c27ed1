import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { call } from '../../api/client';
import { saveBase64File } from '../../files/importFile';

/** The fingerprint in groups of four, as the school IT reads it out over the phone. */
function grouped(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}

/** 本机签名公钥: what the school server must trust; downloadable as a .pem file. */
export function WorkstationKeyCard({ workstation }: { workstation: ChannelOutput<'sync.workstationKey'> }) {
  const { t } = useTranslation();
  const download = async () => {
    // Asked again so the core records that the key was handed out.
    const key = await call('sync.workstationKey', {});
    saveBase64File(btoa(key.publicKeyPem), key.fileName, 'application/x-pem-file');
  };
  return (
    <Card
      title={t('sync.key.title')}
      data-testid="sync-key-card"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => void download()}>
          {t('sync.key.download')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('sync.key.help')}</Typography.Paragraph>
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'id',
            label: t('sync.key.workstationId'),
            children: (
              <Typography.Text code copyable>
                {workstation.workstationId}
              </Typography.Text>
            ),
          },
          {
            key: 'fp',
            label: t('sync.key.fingerprint'),
            children: (
              <Typography.Text code data-testid="sync-key-fingerprint">
                {grouped(workstation.fingerprint)}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph copyable={{ text: workstation.publicKeyPem }} style={{ marginBottom: 0 }}>
        <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>{workstation.publicKeyPem}</pre>
      </Typography.Paragraph>
    </Card>
  );
}

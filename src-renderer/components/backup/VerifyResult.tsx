import { Alert, Descriptions, List, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { formatBytes } from '../../files/importFile';

type Verification = ChannelOutput<'backup.verify'>;

/** What a verification found: ok or the failing part, and what the backup says about itself. */
export function VerifyResult({ result }: { result: Verification }) {
  const { t } = useTranslation();
  const m = result.manifest;
  return (
    <div data-testid="backup-verify-result">
      <Alert
        type={result.ok ? 'success' : 'error'}
        showIcon
        role={result.ok ? 'status' : 'alert'}
        title={result.ok ? t('backup.verify.ok') : t('backup.verify.failed')}
        description={result.problem ? t(`backup.verify.problems.${result.problem}`) : undefined}
        style={{ marginBottom: 12 }}
      />
      {m ? (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('backup.verify.school')}>{m.schoolName}</Descriptions.Item>
          <Descriptions.Item label={t('backup.verify.createdAt')}>{dayjs(m.createdAt).format('YYYY-MM-DD HH:mm:ss')}</Descriptions.Item>
          <Descriptions.Item label={t('backup.verify.appVersion')}>{m.appVersion}</Descriptions.Item>
          <Descriptions.Item label={t('backup.verify.schemaVersion')}>{m.schemaVersion}</Descriptions.Item>
          <Descriptions.Item label={t('backup.verify.workstation')}>{m.workstationId}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {result.parts.length > 0 ? (
        <List
          size="small"
          bordered
          dataSource={result.parts}
          renderItem={(part) => (
            <List.Item>
              <span>
                {t(`backup.verify.parts.${part.name}`)} · {formatBytes(part.bytes)}
              </span>
              {part.ok ? <Tag color="green">{t('backup.verify.partOk')}</Tag> : <Tag color="red">{t(`backup.verify.problems.${part.problem ?? 'checksumMismatch'}`)}</Tag>}
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}

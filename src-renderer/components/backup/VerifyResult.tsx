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
      <Authenticity result={result} />
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
              {part.ok ? (
                <Tag color="green">{t('backup.verify.partOk')}</Tag>
              ) : (
                <Tag color="red">{t(`backup.verify.problems.${part.problem ?? 'checksumMismatch'}`)}</Tag>
              )}
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}

const AUTHENTICITY_TYPE = { notChecked: 'info', unsealed: 'warning', authentic: 'success', forged: 'error' } as const;

/**
 * Whether the backup is the one that was made: the checksums alone cannot say (anyone can
 * recompute them), so without the recovery code this says it was not checked.
 */
function Authenticity({ result }: { result: Verification }) {
  const { t } = useTranslation();
  // A file that fails its checksums already says all there is to say.
  if (result.problem) return null;
  const deep = [
    result.integrity === 'damaged' ? t('backup.verify.integrityDamaged') : null,
    result.auditChain === 'broken' ? t('backup.verify.auditBroken') : null,
    result.integrity === 'ok' && result.auditChain === 'intact' ? t('backup.verify.deepOk', { count: result.auditEventsChecked ?? 0 }) : null,
  ].filter(Boolean);
  const type = result.integrity === 'damaged' || result.auditChain === 'broken' ? 'error' : AUTHENTICITY_TYPE[result.authenticity];
  return (
    <Alert
      type={type}
      showIcon
      data-testid="backup-verify-authenticity"
      title={t(`backup.verify.authenticity.${result.authenticity}`)}
      description={deep.length ? deep.join(' ') : undefined}
      style={{ marginBottom: 12 }}
    />
  );
}

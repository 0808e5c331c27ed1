import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCallMutation } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';

/** 校验日志链: walks the hash chain in the core and says intact, or where it first breaks. */
export function VerifyChainButton({ onResult }: { onResult: (result: React.ReactNode) => void }) {
  const { t } = useTranslation();
  const verify = useCallMutation('auditlog.verify', {
    onSuccess: (result) => {
      if (result.intact) {
        onResult(<Alert type="success" showIcon title={t('auditlog.verify.intact', { checked: result.checked })} data-testid="audit-verify-result" />);
        return;
      }
      const broken = result.firstBroken!;
      onResult(
        <Alert
          type="error"
          showIcon
          data-testid="audit-verify-result"
          title={t('auditlog.verify.broken', {
            seq: broken.seq,
            at: broken.at ? dayjs(broken.at).format('YYYY-MM-DD HH:mm:ss') : '—',
            reason: t(`auditlog.verify.reasons.${broken.reason}`, { defaultValue: broken.reason }),
          })}
        />,
      );
    },
    onError: (error) => onResult(<Alert type="error" showIcon title={errorMessage(error, t)} data-testid="audit-verify-result" />),
  });
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate({})}>
      {t('auditlog.verify.button')}
    </Button>
  );
}

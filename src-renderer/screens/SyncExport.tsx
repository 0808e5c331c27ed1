import { Alert, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../api/queries';
import { ExportHistory } from '../components/sync/ExportHistory';
import { ExportRunCard } from '../components/sync/ExportRunCard';
import { ReceiptsCard } from '../components/sync/ReceiptsCard';
import { ServerSettingsCard } from '../components/sync/ServerSettingsCard';
import { WorkstationKeyCard } from '../components/sync/WorkstationKeyCard';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { useCan } from '../session';

/** 导出到学校服务器: settings (admin), this workstation's key, export now, receipts and updates, the history. */
export function SyncExport({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  void onNavigate;
  const config = useCallQuery('sync.getConfig', {});
  const canConfigure = useCan('sync.configure');
  const configured = Boolean(config.data?.serverRecipient && (config.data.folder || config.data.url));
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('sync.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('sync.intro')}</Typography.Paragraph>
      </div>
      {config.isError ? <Alert type="error" showIcon title={errorMessage(config.error, t)} /> : null}
      {config.isPending ? <Skeleton active /> : null}
      {config.data ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ExportRunCard configured={configured} canConfigure={canConfigure} />
            </Col>
            <Col xs={24} xl={12}>
              <ReceiptsCard />
            </Col>
          </Row>
          <ExportHistory />
          <ServerSettingsCard config={config.data} editable={canConfigure} />
          <WorkstationKeyCard workstation={config.data.workstation} />
        </>
      ) : null}
    </Flex>
  );
}

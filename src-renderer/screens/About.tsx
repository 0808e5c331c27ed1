import { Alert, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../api/queries';
import { errorMessage } from '../i18n/errors';

/** Version, data folder, schema version and the encryption state read from the file itself. */
export function About() {
  const { t } = useTranslation();
  const about = useCallQuery('system.about', {});
  const host = window.counsel?.host ?? 'test';
  return (
    <Card title={t('about.title')} style={{ maxWidth: 880 }}>
      {about.isError ? <Alert type="error" showIcon title={errorMessage(about.error, t)} /> : null}
      {about.isPending ? <Skeleton active /> : null}
      {about.data ? (
        <Descriptions
          bordered
          column={1}
          size="small"
          styles={{ label: { width: 200 } }}
          items={[
            { key: 'product', label: t('about.product'), children: `${t('app.title')} · ${t('app.subtitle')}` },
            { key: 'version', label: t('about.version'), children: about.data.version },
            { key: 'dataDir', label: t('about.dataDir'), children: <Typography.Text copyable>{about.data.dataDir}</Typography.Text> },
            { key: 'schemaVersion', label: t('about.schemaVersion'), children: about.data.schemaVersion },
            {
              key: 'encrypted',
              label: t('about.encrypted'),
              children: <Tag color={about.data.encrypted ? 'green' : 'red'}>{about.data.encrypted ? t('common.yes') : t('common.no')}</Tag>,
            },
            { key: 'cipher', label: t('about.cipher'), children: about.data.cipher },
            { key: 'workstationId', label: t('about.workstationId'), children: <Typography.Text code>{about.data.workstationId}</Typography.Text> },
            { key: 'host', label: t('about.host'), children: t(`about.hosts.${host}`) },
          ]}
        />
      ) : null}
    </Card>
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterMapping } from '../../../src-shared/contract';
import type { RosterPreview } from './MappingStep';
import { isTextKey, reasonText, textOr } from '../../i18n/keys';

type Problem = RosterPreview['problems'][number];

/** Step 3: what the import would do (新增 / 更新 / 无变化 / 拒绝) and why rows are refused. */
export function PreviewStep({ preview, mapping, onSaveRejected }: { preview: RosterPreview; mapping: RosterMapping; onSaveRejected: () => void }) {
  const { t } = useTranslation();
  const { plan, problems } = preview;
  const rejected = plan.rejected.length;
  const fieldLabel = (field: string | null) => {
    if (!field) return '';
    const key = `roster.fields.${field}`;
    const label = isTextKey(key) ? t(key) : field;
    const header = mapping[field as keyof RosterMapping];
    return header && header !== label ? t('roster.preview.fieldWithColumn', { field: label, column: header }) : label;
  };
  // A reason the renderer has no words for gets the generic words, never the raw key.
  const reasonWords = (reason: string) => reasonText(reason, t);

  const counts = [
    { key: 'rows', value: plan.rows },
    // Darker shades than antd's green-6/blue-6 (3.3:1 and 4.1:1): at least 4.5:1 on the white card.
    { key: 'created', value: plan.created, color: '#237804' },
    { key: 'updated', value: plan.updated, color: '#0958d9' },
    { key: 'unchanged', value: plan.unchanged },
    { key: 'rejected', value: rejected, color: rejected > 0 ? '#cf1322' : undefined },
  ];

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {counts.map((count) => (
          <Col key={count.key} xs={12} md={8} lg={4} flex="1 1 0">
            <Card size="small" data-testid={`count-${count.key}`}>
              <Statistic
                title={textOr(`roster.preview.${count.key}`, count.key, t)}
                value={count.value}
                styles={{ content: count.color ? { color: count.color } : undefined }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {rejected === 0 ? (
        <Alert type="success" showIcon title={t('roster.preview.noProblems')} />
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('roster.preview.rejectedNote')}
            action={
              preview.rejectedCsvBase64 ? (
                <Button icon={<DownloadOutlined />} onClick={onSaveRejected}>
                  {t('roster.preview.saveRejected')}
                </Button>
              ) : null
            }
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('roster.preview.problems')}
          </Typography.Title>
          {problems.length < rejected ? (
            <Typography.Text type="secondary">{t('roster.preview.truncated', { shown: problems.length, total: rejected })}</Typography.Text>
          ) : null}
          <Table<Problem & { key: string }>
            size="small"
            aria-label={t('roster.preview.problems')}
            dataSource={problems.map((problem, index) => ({ ...problem, key: `${problem.row}-${problem.reason}-${index}` }))}
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: t('roster.preview.row'), dataIndex: 'row', width: 90 },
              { title: t('roster.preview.reason'), dataIndex: 'reason', render: reasonWords },
              { title: t('roster.preview.field'), dataIndex: 'field', render: fieldLabel },
              {
                title: t('roster.preview.value'),
                dataIndex: 'value',
                render: (value: string | null) => (value ? <Typography.Text code>{value}</Typography.Text> : null),
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}

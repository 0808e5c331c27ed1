import { Alert, Button, Col, Flex, Form, Row, Select, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROSTER_FIELDS, type ChannelOutput, type RosterField, type RosterMapping } from '../../../src-shared/contract';
import i18n, { currentLanguage } from '../../i18n';
import { isTextKey } from '../../i18n/keys';

export type RosterPreview = ChannelOutput<'roster.preview'>;

const SOURCE_COLORS: Record<RosterPreview['mappingSource'], string> = { detected: 'blue', remembered: 'green', given: 'purple' };

export function encodingLabel(encoding: string): string {
  const key = `roster.encodings.${encoding}`;
  return isTextKey(key) ? i18n.t(key) : encoding;
}

/** Why the mapping cannot be imported, translated; a missing column is named. */
export function mappingErrorMessages(preview: Pick<RosterPreview, 'mappingErrors' | 'headers'>, mapping: RosterMapping): string[] {
  return preview.mappingErrors.map((reason) => {
    const column = Object.values(mapping)
      .filter((header): header is string => typeof header === 'string' && !preview.headers.includes(header))
      .join('、');
    const key = `errors.reasons.${reason}`;
    return isTextKey(key) ? i18n.t(key, { replace: { column } }) : i18n.t('errors.codes.VALIDATION');
  });
}

/**
 * Step 2: which column of the file is which roster field. Prefilled from the preview (detected
 * from the headers, remembered from the last import, or as given); every change is checked
 * again by the core (`roster.preview` with the mapping).
 */
export function MappingStep({
  preview,
  mapping,
  checking,
  onChange,
  onRedetect,
}: {
  preview: RosterPreview;
  mapping: RosterMapping;
  checking: boolean;
  onChange: (field: RosterField, header: string | null) => void;
  onRedetect: () => void;
}) {
  const { t } = useTranslation();
  const options = preview.headers.filter((header) => header !== '').map((header) => ({ value: header, label: header }));
  const errors = mappingErrorMessages(preview, mapping);
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('roster.mapping.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <Tag color={SOURCE_COLORS[preview.mappingSource]} data-testid="mapping-source">
          {t(`roster.mapping.sources.${preview.mappingSource}`)}
        </Tag>
        <Tag data-testid="file-encoding">{t('roster.mapping.encoding', { encoding: encodingLabel(preview.encoding) })}</Tag>
        <Tag>{t('roster.mapping.columns', { count: preview.headers.length })}</Tag>
        {preview.mappingSource === 'given' ? (
          <Button size="small" type="link" onClick={onRedetect} disabled={checking}>
            {t('roster.mapping.redetect')}
          </Button>
        ) : null}
        {checking ? (
          <Typography.Text type="secondary" role="status">
            <Spin size="small" /> {t('roster.mapping.updating')}
          </Typography.Text>
        ) : null}
      </Flex>
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={
            errors.length === 1 ? (
              errors[0]
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )
          }
        />
      ) : null}
      <Form
        layout="horizontal"
        labelCol={{ flex: currentLanguage() === 'en' ? '170px' : '120px' }}
        labelWrap
        colon={false}
        requiredMark={false}
        component="div"
      >
        <Row gutter={24}>
          {ROSTER_FIELDS.map((field) => (
            <Col xs={24} lg={12} key={field}>
              <Form.Item
                label={
                  <span>
                    {t(`roster.fields.${field}`)}
                    {field === 'studentNo' ? (
                      <Tag color="red" style={{ marginInlineStart: 6 }}>
                        {t('roster.mapping.required')}
                      </Tag>
                    ) : null}
                  </span>
                }
                htmlFor={`roster-map-${field}`}
                style={{ marginBottom: 12 }}
              >
                <Select
                  id={`roster-map-${field}`}
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('roster.mapping.notImported')}
                  value={mapping[field] ?? undefined}
                  options={options}
                  onChange={(header?: string) => onChange(field, header ?? null)}
                  data-testid={`mapping-${field}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Flex>
  );
}

import { Card, Flex, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CensusMapping, ChannelOutput } from '../../../src-shared/contract';
import { instrumentShort } from './labels';

type Preview = ChannelOutput<'census.preview'>;
type Field = 'studentNo' | 'name' | 'gender' | 'department' | 'upiAsksForCounseling';

const SELECT_WIDTH = 180;

/**
 * 列对应: where the core found 学号, the identity columns and each instrument's first item
 * (its items follow in order), with the headers of the file to correct it. A change asks the
 * core again with the corrected mapping; the import then uses exactly the mapping shown.
 */
export function ColumnMapping({
  preview,
  instruments,
  disabled,
  onChange,
}: {
  preview: Preview;
  instruments: string[];
  disabled?: boolean;
  onChange: (mapping: CensusMapping) => void;
}) {
  const { t } = useTranslation();
  const mapping = preview.mapping;
  const headerOptions = preview.headers.map((h) => ({ value: h, label: h }));
  const change = (patch: Partial<CensusMapping>) => onChange({ ...mapping, ...patch });

  const fieldSelect = (field: Field, required = false) => {
    const id = `census-map-${field}`;
    return (
      <Flex key={field} vertical gap={4}>
        <label htmlFor={id}>{t(`census.mapping.fields.${field}`)}</label>
        <Select
          id={id}
          style={{ width: SELECT_WIDTH }}
          value={mapping[field] || undefined}
          options={headerOptions}
          allowClear={!required}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('census.mapping.none')}
          disabled={disabled}
          onChange={(value?: string) => change({ [field]: value ?? (required ? mapping[field] : null) } as Partial<CensusMapping>)}
        />
      </Flex>
    );
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Flex align="center" gap={8}>
          {t('census.mapping.title')}
          <Tag color={preview.mappingSource === 'detected' ? 'blue' : preview.mappingSource === 'remembered' ? 'purple' : 'green'}>
            {t(`census.mapping.sources.${preview.mappingSource}`)}
          </Tag>
        </Flex>
      }
      data-testid="census-mapping"
    >
      <Flex wrap gap={16}>
        {fieldSelect('studentNo', true)}
        {fieldSelect('name')}
        {fieldSelect('gender')}
        {fieldSelect('department')}
        {instruments.map((instrument) => {
          const id = `census-map-first-${instrument}`;
          return (
            <Flex key={instrument} vertical gap={4}>
              <label htmlFor={id}>{t('census.mapping.firstItem', { instrument: instrumentShort(instrument) })}</label>
              <Select
                id={id}
                style={{ width: SELECT_WIDTH }}
                value={mapping.firstItem[instrument as keyof CensusMapping['firstItem']]}
                options={headerOptions}
                showSearch={{ optionFilterProp: 'label' }}
                disabled={disabled}
                onChange={(value: string) => change({ firstItem: { ...mapping.firstItem, [instrument]: value } })}
              />
            </Flex>
          );
        })}
        {instruments.includes('upi') ? fieldSelect('upiAsksForCounseling') : null}
        {instruments.includes('upi') ? (
          <Flex vertical gap={4}>
            <label htmlFor="census-map-upiAuxiliary">{t('census.mapping.fields.upiAuxiliary')}</label>
            <Select
              id="census-map-upiAuxiliary"
              mode="multiple"
              style={{ minWidth: SELECT_WIDTH * 2 + 16 }}
              value={mapping.upiAuxiliary ?? []}
              options={headerOptions}
              maxCount={8}
              placeholder={t('census.mapping.none')}
              disabled={disabled}
              onChange={(value: string[]) => change({ upiAuxiliary: value })}
            />
          </Flex>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
        {t('census.mapping.hint')}
      </Typography.Paragraph>
    </Card>
  );
}

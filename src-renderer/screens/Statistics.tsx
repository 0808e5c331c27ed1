import { DownloadOutlined, FilePdfOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import type { StatisticsPeriod } from '../../src-shared/contract/statistics';
import { call, type CallError } from '../api/client';
import { callKey, useCallQuery } from '../api/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { currentSemester, PeriodPicker } from '../components/statistics/PeriodPicker';
import { StatisticsReport } from '../components/statistics/StatisticsReport';
import { WorkReportText } from '../components/leadership/WorkReportText';
import '../components/statistics/statistics-print.css';
import { saveBase64File, XLSX_TYPE } from '../files/importFile';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';

type Input = ChannelInput<'statistics.compute'>;

/** 统计: de-identified figures by period and department, with the Excel, work-report and PDF exports. */
export function Statistics({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  void onNavigate;
  const options = useCallQuery('statistics.options', {});
  const [period, setPeriod] = useState<StatisticsPeriod | null>(null);
  const [department, setDepartment] = useState<string | null>(null);
  const [exporting, setExporting] = useState<'xlsx' | 'report' | null>(null);

  useEffect(() => {
    if (options.data && !period) setPeriod(currentSemester(options.data.currentSchoolYear));
  }, [options.data, period]);

  const input: Input | null = period ? { period, ...(department ? { department } : {}) } : null;
  const stats = useQuery<ChannelOutput<'statistics.compute'>, CallError>({
    queryKey: callKey('statistics.compute', input ?? undefined),
    queryFn: () => call('statistics.compute', input!),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });

  const exportFile = async (kind: 'xlsx' | 'report') => {
    if (!input) return;
    setExporting(kind);
    try {
      const file =
        kind === 'xlsx' ? await call('statistics.exportXlsx', input) : await call('statistics.workReport', input as ChannelInput<'statistics.workReport'>);
      saveBase64File(file.contentBase64, file.fileName, XLSX_TYPE);
      void message.success(t('statistics.actions.exported', { name: file.fileName }));
    } catch (failure) {
      void message.error(errorMessage(failure, t));
    } finally {
      setExporting(null);
    }
  };

  const data = stats.data;
  const departmentLabel = department ?? t('statistics.department.all');
  return (
    <div className="statistics-page">
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('statistics.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="statistics-no-print">
          {t('statistics.intro')}
        </Typography.Paragraph>
        {data ? (
          <Typography.Paragraph className="statistics-print-title">
            {`${departmentLabel} · ${t('statistics.period.range', { start: data.period.start, end: data.period.end })}`}
          </Typography.Paragraph>
        ) : null}
        <Flex justify="space-between" align="center" wrap gap={12} className="statistics-no-print">
          <Flex gap={16} align="center" wrap>
            {period && options.data ? <PeriodPicker value={period} onChange={setPeriod} currentSchoolYear={options.data.currentSchoolYear} /> : null}
            <Flex gap={8} align="center">
              <span>{t('statistics.department.label')}</span>
              <Select
                aria-label={t('statistics.department.label')}
                style={{ width: 200 }}
                value={department ?? ''}
                onChange={(value: string) => setDepartment(value || null)}
                options={[{ value: '', label: t('statistics.department.all') }, ...(options.data?.departments ?? []).map((d) => ({ value: d, label: d }))]}
              />
            </Flex>
          </Flex>
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} disabled={!input} onClick={() => void exportFile('xlsx')}>
              {t('statistics.actions.exportXlsx')}
            </Button>
            {period && period.kind !== 'month' ? (
              <Button icon={<FileTextOutlined />} loading={exporting === 'report'} onClick={() => void exportFile('report')}>
                {t('statistics.actions.workReport')}
              </Button>
            ) : null}
            <Button icon={<FilePdfOutlined />} disabled={!data} onClick={() => window.print()}>
              {t('statistics.actions.exportPdf')}
            </Button>
          </Flex>
        </Flex>
        {data ? (
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }} data-testid="statistics-range">
            {t('statistics.period.range', { start: data.period.start, end: data.period.end })}
            {data.period.fromTeachingTerm ? `（${t('statistics.period.fromTeachingTerm')}）` : ''}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <ErrorAlert message={options.isError ? errorMessage(options.error, t) : stats.isError ? errorMessage(stats.error, t) : null} />
      {data ? (
        <>
          <Alert type="info" showIcon title={data.suppressed ? t('statistics.suppressedNotice') : t('statistics.exactNotice')} style={{ marginBottom: 16 }} />
          <StatisticsReport stats={data} />
          {period ? <WorkReportText period={period} department={department} /> : null}
        </>
      ) : stats.isPending || options.isPending ? (
        <Card loading variant="borderless" />
      ) : null}
    </div>
  );
}

import { AlertOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Flex, Switch, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../api/queries';
import { useOpenCrisisFromAlert } from './crisis/openFromAlert';
import { errorMessage } from '../i18n/errors';
import { AcknowledgeAlertModal } from './assessments/AcknowledgeAlertModal';
import { FOCUS_ALERTS_EVENT, takeAlertsFocusRequest } from './assessments/criticalResultHandoff';
import { assessmentErrorMessage } from './assessments/errors';
import { LevelTag } from './assessments/FlagTags';
import { flagExplanation, flagLabel, shortName } from './assessments/labels';
import type { AlertItem } from './assessments/types';
import type { Navigate } from '../router';
import { useCan } from '../session';
import { localTime } from '../../src-shared/labels/local-time';
import { isTextKey } from '../i18n/keys';

/** A report's alert reads as what was reported: "上报：谈及死亡". */
function ReportAlertLabel({ code }: { code: string }) {
  const { t } = useTranslation();
  const key = `reports.alerts.codes.${code}`;
  return (
    <Tooltip title={t('reports.alerts.explain')}>
      <span>{t('reports.alerts.label', { sign: isTextKey(key) ? t(key) : code })}</span>
    </Tooltip>
  );
}

/** Row and border colours: CRITICAL red, URGENT orange (never plainer than a routine task). */
const LEVEL_ROW: Partial<Record<AlertItem['level'], React.CSSProperties>> = {
  CRITICAL: { background: '#fff1f0' },
  URGENT: { background: '#fff7e6' },
};

/**
 * The header count asks for this list: scroll it into view and put the focus on it. A click on the
 * count while another page's code still loads finds this list hidden by Suspense (the workbench
 * kept, shown again once the route is back): React has detached its ref but kept this listener.
 * The request then waits, and the ref's attachment when the list is shown again takes it.
 */
function useFocusOnRequest(): (element: HTMLDivElement | null) => void {
  const node = useRef<HTMLDivElement | null>(null);
  const focus = useCallback(() => {
    const element = node.current;
    // Detached or not laid out (hidden): a focus would not land, and the request would be spent.
    if (!element || element.checkVisibility?.() === false || !takeAlertsFocusRequest()) return;
    element.scrollIntoView?.({ block: 'start' });
    element.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    window.addEventListener(FOCUS_ALERTS_EVENT, focus);
    return () => window.removeEventListener(FOCUS_ALERTS_EVENT, focus);
  }, [focus]);
  return useCallback(
    (element: HTMLDivElement | null) => {
      node.current = element;
      if (element) focus();
    },
    [focus],
  );
}

/**
 * 预警 on the workbench: alerts raised by critical answers, unacknowledged first (the core's order).
 * Acknowledging needs the action taken; alerts are never deleted. A red border while a CRITICAL
 * alert is open, an orange one while only URGENT ones are (issue 14 item 18).
 */
export function AlertsPanel({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canAcknowledge = useCan('alerts.acknowledge');
  const canOpenCrisis = useCan('crisis.manage');
  // The alert list refetches from store.changed. A second click for the same student sends nothing
  // (the hook answers it with the first opening); another student's alert opens as before.
  const opener = useOpenCrisisFromAlert({
    onSuccess: (opened) => onNavigate('crisisEvent', opened.id),
    onError: (failure) => void message.error(errorMessage(failure, t)),
  });
  const [openingId, setOpeningId] = useState<string | null>(null);
  const opening = opener.pending ? openingId : null;
  const openCrisis = (alert: AlertItem) => {
    setOpeningId(alert.id);
    void opener.run(alert);
  };
  const goToCrisis = (eventId: string) => {
    setAcknowledging(null);
    onNavigate('crisisEvent', eventId);
  };
  const [showAll, setShowAll] = useState(false);
  const alerts = useCallQuery('alerts.list', { status: showAll ? 'all' : 'open' });
  const [acknowledging, setAcknowledging] = useState<AlertItem | null>(null);
  const rows = alerts.data ?? [];
  const open = rows.filter((a) => !a.acknowledgedAt);
  const critical = open.filter((a) => a.level === 'CRITICAL').length;
  const urgent = open.filter((a) => a.level === 'URGENT').length;
  const panel = useFocusOnRequest();
  const frame = critical > 0 ? '#ff4d4f' : urgent > 0 ? '#fa8c16' : null;

  const columns: ColumnsType<AlertItem> = [
    { title: t('assessments.alerts.level'), dataIndex: 'level', width: 72, render: (level: AlertItem['level']) => <LevelTag level={level} /> },
    {
      title: t('assessments.alerts.student'),
      key: 'student',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, a) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onNavigate('student', a.student.id)}>
          {a.student.name}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
            {a.student.studentNo}
          </Typography.Text>
        </Button>
      ),
    },
    {
      title: t('assessments.alerts.instrument'),
      key: 'instrument',
      render: (_, a) => (a.source === 'report' ? t('reports.alerts.source') : shortName(a.instrument)),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    {
      title: t('assessments.alerts.item'),
      dataIndex: 'item',
      render: (item: number | null) => (item ? t('assessments.flags.item', { item }) : '–'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    {
      title: t('assessments.alerts.code'),
      key: 'code',
      render: (_, a) => {
        if (a.source === 'report') return <ReportAlertLabel code={a.code} />;
        const flag = { code: a.code, item: a.item };
        return (
          <Tooltip title={flagExplanation(t, flag)}>
            <span>{flagLabel(t, flag)}</span>
          </Tooltip>
        );
      },
    },
    {
      title: t('assessments.alerts.createdAt'),
      dataIndex: 'createdAt',
      render: (value: string) => localTime(value, ''),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    {
      title: t('assessments.alerts.state'),
      key: 'state',
      render: (_, a) =>
        a.acknowledgedAt ? (
          <div style={{ maxWidth: 320 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('assessments.alerts.acknowledgedBy', { who: a.acknowledgedBy ?? '', when: localTime(a.acknowledgedAt, '') })}
            </Typography.Text>
            {a.crisisEventId ? (
              <div>
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onNavigate('crisisEvent', a.crisisEventId!)}>
                  {t('crisis.alert.linked', { eventNo: a.crisisEventNo ?? '' })}
                </Button>
              </div>
            ) : (
              <div>
                {a.action ? <Typography.Text strong>{t(`assessments.safetyActions.${a.action}`)}</Typography.Text> : null}
                {a.action && a.actionTaken ? '：' : null}
                {a.actionTaken ? <span>{a.actionTaken}</span> : null}
              </div>
            )}
          </div>
        ) : canAcknowledge ? (
          <Flex gap={4} wrap>
            {a.level === 'CRITICAL' && canOpenCrisis ? (
              <Button size="small" type="primary" danger loading={opening === a.id} onClick={() => openCrisis(a)}>
                {t('crisis.alert.openEvent')}
              </Button>
            ) : null}
            {a.level === 'URGENT' && canOpenCrisis ? (
              <Button size="small" loading={opening === a.id} onClick={() => openCrisis(a)}>
                {t('crisis.alert.openEvent')}
              </Button>
            ) : null}
            <Button
              size="small"
              type={(a.level === 'CRITICAL' && !canOpenCrisis) || a.level === 'URGENT' ? 'primary' : 'default'}
              danger={a.level === 'CRITICAL'}
              onClick={() => setAcknowledging(a)}
            >
              {t('assessments.alerts.acknowledge')}
            </Button>
          </Flex>
        ) : null,
    },
  ];

  return (
    <Card
      ref={panel}
      tabIndex={-1}
      data-testid="alerts-panel"
      data-critical={critical > 0 ? 'true' : 'false'}
      data-urgent={urgent > 0 ? 'true' : 'false'}
      title={
        <Flex align="center" gap={8}>
          <AlertOutlined style={{ color: critical > 0 ? '#cf1322' : urgent > 0 ? '#d46b08' : undefined }} />
          {t('assessments.alerts.title')}
          {critical > 0 ? (
            <Badge
              count={critical}
              color="#cf1322"
              title={t('assessments.alertsPanel.criticalCount', { count: critical })}
              data-testid="alerts-critical-count"
            />
          ) : null}
          {urgent > 0 ? (
            <Badge count={urgent} color="#ad4e00" title={t('assessments.alertsPanel.urgentCount', { count: urgent })} data-testid="alerts-urgent-count" />
          ) : null}
          {open.length > critical + urgent ? (
            <Badge count={open.length} color="#5b6b75" title={t('assessments.alerts.openCount', { count: open.length })} />
          ) : null}
        </Flex>
      }
      extra={
        <Flex align="center" gap={8}>
          <Switch size="small" checked={showAll} onChange={setShowAll} id="alerts-show-all" />
          <label htmlFor="alerts-show-all">{t('assessments.alerts.showAll')}</label>
        </Flex>
      }
      // scrollMarginTop: the sticky header must not cover the title when the header count scrolls here.
      style={{ marginBottom: 16, scrollMarginTop: 80, ...(frame ? { border: `2px solid ${frame}`, boxShadow: `0 0 0 3px ${frame}1f` } : {}) }}
      styles={{ body: { paddingTop: critical > 0 || urgent > 0 || alerts.isError ? 16 : 8 } }}
    >
      {critical > 0 ? <Alert type="error" showIcon title={t('assessments.alerts.criticalBanner', { count: critical })} style={{ marginBottom: 12 }} /> : null}
      {urgent > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('assessments.alertsPanel.urgentBanner', { count: urgent })}
          style={{ marginBottom: 12 }}
          data-testid="alerts-urgent-banner"
        />
      ) : null}
      {alerts.isError ? <Alert type="error" showIcon title={assessmentErrorMessage(alerts.error, t)} style={{ marginBottom: 12 }} /> : null}
      <Table<AlertItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={alerts.isPending}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: showAll ? t('assessments.alerts.emptyAll') : t('assessments.alerts.empty') }}
        onRow={(a) => ({ 'data-level': a.level, style: a.acknowledgedAt ? { opacity: 0.7 } : LEVEL_ROW[a.level] }) as React.HTMLAttributes<HTMLElement>}
        scroll={{ x: 860 }}
      />
      {acknowledging ? (
        <AcknowledgeAlertModal
          alert={acknowledging}
          onClose={() => setAcknowledging(null)}
          onOpenedCrisis={goToCrisis}
          onDone={() => {
            setAcknowledging(null);
            void message.success(t('assessments.alerts.acknowledged'));
          }}
        />
      ) : null}
    </Card>
  );
}

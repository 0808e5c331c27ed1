import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Modal, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import i18n from '../../i18n';
import { call } from '../../api/client';
import { callKey } from '../../api/queries';
import { fieldErrors } from '../../i18n/errors';
import { useSession } from '../../session';
import { rolesGrant } from '../../../src-shared/permissions';
import { useCrisisLevels } from '../crisis/levels';
import { openCrisisFromAlert } from '../crisis/openFromAlert';
import { ErrorAlert } from '../ErrorAlert';
import { assessmentErrorMessage } from './errors';
import { LevelTag } from './FlagTags';
import { SafetyActionFields, safetyActionPayload, type SafetyActionValues } from './SafetyActionFields';
import { flagExplanation, flagLabel, formatTime, shortName } from './labels';
import type { AlertItem } from './types';

/** A report's alert reads as what was reported ("上报：谈及死亡"), never its code. */
function reportAlertLabel(t: TFunction, code: string): string {
  const key = `reports.alerts.codes.${code}`;
  return t('reports.alerts.label', { sign: i18n.exists(key) ? t(key) : t('reports.alerts.codes.REPORT_URGENT') });
}

/**
 * Acknowledging means recording what was done. For a CRITICAL alert the modal offers both ways:
 * open a crisis event (one click; the core acknowledges the alert with it) or record why not.
 */
export function AcknowledgeAlertModal({
  alert,
  onClose,
  onDone,
  onOpenedCrisis,
}: {
  alert: AlertItem;
  onClose: () => void;
  onDone: (alert: AlertItem) => void;
  onOpenedCrisis?: (eventId: string) => void;
}) {
  const { t } = useTranslation();
  const canOpenCrisis = rolesGrant(useSession().session.roles, 'crisis.manage') && onOpenedCrisis !== undefined;
  const levels = useCrisisLevels();
  const critical = alert.level === 'CRITICAL';
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SafetyActionValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: SafetyActionValues) => {
    setPending(true);
    setError(null);
    try {
      const done = await call('alerts.acknowledge', { alertId: alert.id, ...safetyActionPayload(values) });
      onDone(done);
    } catch (failure) {
      const fields = fieldErrors(failure, t);
      if (fields.length > 0) form.setFields(fields as never);
      else setError(assessmentErrorMessage(failure, t));
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: callKey('alerts.list') });
    }
  };

  const openCrisis = async () => {
    setPending(true);
    setError(null);
    try {
      const opened = await openCrisisFromAlert(alert, levels, t);
      onOpenedCrisis?.(opened.id);
    } catch (failure) {
      setError(assessmentErrorMessage(failure, t));
    } finally {
      setPending(false);
      void queryClient.invalidateQueries({ queryKey: callKey('alerts.list') });
    }
  };

  return (
    <Modal
      open
      title={t('assessments.alerts.ackTitle')}
      okText={t('assessments.alerts.acknowledge')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      mask={{ closable: false }}
      width={640}
    >
      <ErrorAlert message={error} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'student', label: t('assessments.alerts.student'), children: `${alert.student.name} · ${alert.student.studentNo}` },
          {
            key: 'code',
            label: t('assessments.alerts.code'),
            children: (
              <span>
                <LevelTag level={alert.level} /> {alert.source === 'report' ? reportAlertLabel(t, alert.code) : `${shortName(alert.instrument)} ${flagLabel(t, { code: alert.code, item: alert.item })}`}
              </span>
            ),
          },
          { key: 'createdAt', label: t('assessments.alerts.createdAt'), children: formatTime(alert.createdAt) },
        ]}
      />
      <Typography.Paragraph type="secondary">{alert.source === 'report' ? t('reports.alerts.explain') : flagExplanation(t, { code: alert.code, item: alert.item })}</Typography.Paragraph>
      {critical && canOpenCrisis ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('crisis.alert.criticalChoice')}
          action={
            <Button danger type="primary" icon={<ThunderboltOutlined />} loading={pending} onClick={() => void openCrisis()}>
              {t('crisis.alert.openEvent')}
            </Button>
          }
        />
      ) : null}
      <Typography.Paragraph>{t('assessments.alerts.ackIntroStructured')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} disabled={pending}>
        <SafetyActionFields form={form} autoFocus />
      </Form>
    </Modal>
  );
}

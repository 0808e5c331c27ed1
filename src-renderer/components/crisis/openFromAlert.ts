import type { TFunction } from 'i18next';
import type { CrisisLevel } from '../../../src-shared/contract/crisis';
import { call } from '../../api/client';
import i18n from '../../i18n';
import { flagLabel, shortName } from '../assessments/labels';
import type { AlertItem } from '../assessments/types';

/** What the alert was about, as the event's first description. */
function alertWhat(alert: AlertItem, t: TFunction): string {
  if (alert.source === 'report') {
    const key = `reports.alerts.codes.${alert.code}`;
    return t('reports.alerts.label', { sign: i18n.exists(key) ? t(key) : alert.code });
  }
  return `${shortName(alert.instrument)} ${flagLabel(t, { code: alert.code, item: alert.item })}`;
}

/**
 * One click from an alert: an event at the scheme's top level, discovered when the alert was
 * raised; the core acknowledges the alert in the same transaction.
 */
export function openCrisisFromAlert(alert: AlertItem, levels: readonly CrisisLevel[], t: TFunction) {
  return call('crisis.open', {
    studentId: alert.student.id,
    alertId: alert.id,
    level: levels[0].key,
    discoveredAt: alert.createdAt,
    description: t('crisis.alert.autoDescription', { what: alertWhat(alert, t) }),
  });
}

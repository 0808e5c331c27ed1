import type { TFunction } from 'i18next';
import type { CrisisLevel } from '../../../src-shared/contract/crisis';
import { call } from '../../api/client';
import i18n from '../../i18n';
import { flagLabel, shortName } from '../assessments/labels';
import type { AlertItem } from '../assessments/types';
import { openEventOfConflict } from './openEvent';

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
 *
 * When the student already has an event under way the core refuses a second one (CONFLICT
 * crisisEventOpen). The alert is then not left silently open: it is acknowledged as 已开启危机事件
 * and linked to the open event (the student stays visible on the crisis board through that event),
 * and the caller goes to that event (`linked: true` says so).
 */
export async function openCrisisFromAlert(
  alert: AlertItem,
  levels: readonly CrisisLevel[],
  t: TFunction,
): Promise<{ id: string; eventNo: string; linked?: true }> {
  try {
    return await call('crisis.open', {
      studentId: alert.student.id,
      alertId: alert.id,
      level: levels[0].key,
      discoveredAt: alert.createdAt,
      description: t('crisis.alert.autoDescription', { what: alertWhat(alert, t) }),
    });
  } catch (failure) {
    const open = openEventOfConflict(failure);
    if (!open) throw failure;
    try {
      await call('alerts.acknowledge', { alertId: alert.id, action: 'crisisOpened', note: t('crisis.alert.linkedNote', { eventNo: open.eventNo }) });
    } catch {
      // Already acknowledged (by someone else meanwhile): the open event is still where to go.
    }
    return { id: open.eventId, eventNo: open.eventNo, linked: true };
  }
}

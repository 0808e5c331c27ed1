import type { TFunction } from 'i18next';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrisisLevel } from '../../../src-shared/contract/crisis';
import { call, CallError } from '../../api/client';
import { useAction, type Action, type ActionOptions } from '../../api/mutations';
import { findingTitle, shortName } from '../assessments/labels';
import type { AlertItem } from '../assessments/types';
import { useCrisisLevels } from './levels';
import { openEventOfConflict } from './openEvent';
import { isTextKey } from '../../i18n/keys';

export interface OpenedCrisis {
  id: string;
  eventNo: string;
  /** The student's event was already open: the alert was linked to it. */
  linked?: true;
}

/** A critical finding of a form, to open the crisis event for (or land on the one handling it). */
export interface FindingTarget {
  studentId: string;
  instrument: string;
  finding: { code: string; item: number | null; alertId: string | null } | null;
  /** The student's open event, when known: go there, nothing is written. */
  openEventId: string | null;
}

/** What a write below gets: its target, the school's level scheme (highest first) and the words. */
interface Opening<T> {
  target: T;
  levels: readonly CrisisLevel[];
  t: TFunction;
}

/** What the alert was about, as the event's first description. */
function alertWhat(alert: AlertItem, t: TFunction): string {
  if (alert.source === 'report') {
    const key = `reports.alerts.codes.${alert.code}`;
    return t('reports.alerts.label', { sign: isTextKey(key) ? t(key) : alert.code });
  }
  return findingTitle(t, alert.instrument, alert);
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
async function openFromAlert({ target: alert, levels, t }: Opening<AlertItem>): Promise<OpenedCrisis> {
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

/**
 * Opens the crisis event for a critical finding, or lands on the student's open one: from the
 * finding's alert when it has one (as above), else (a form not handed in) straight for the
 * student. A CONFLICT `crisisEventOpen` names the open event: go there. Resolves with the event's id.
 */
async function openForFinding({ target, levels, t }: Opening<FindingTarget>): Promise<string> {
  if (target.openEventId) return target.openEventId;
  try {
    if (target.finding?.alertId) {
      const alert = (await call('alerts.list', { status: 'all', studentId: target.studentId })).find((a) => a.id === target.finding!.alertId);
      if (alert && !alert.acknowledgedAt) return (await openFromAlert({ target: alert, levels, t })).id;
      if (alert?.crisisEventId) return alert.crisisEventId;
    }
    const what = target.finding ? findingTitle(t, target.instrument, target.finding) : shortName(target.instrument);
    const opened = await call('crisis.open', { studentId: target.studentId, level: levels[0].key, description: t('crisis.alert.autoDescription', { what }) });
    return opened.id;
  } catch (failure) {
    if (failure instanceof CallError && failure.reason === 'crisisEventOpen' && typeof failure.details.eventId === 'string') return failure.details.eventId;
    throw failure;
  }
}

/** The caller's options speak of its target; the write gets the target with the scheme. */
function onTarget<T, O>({ onSuccess, onError, ...rest }: ActionOptions<T, O>): ActionOptions<Opening<T>, O> {
  return {
    ...rest,
    onSuccess: onSuccess && ((output, input) => onSuccess(output, input.target)),
    onError: onError && ((failure, input) => onError(failure, input.target)),
  };
}

/**
 * One opening per student at a time: a run while one for the same student is under way (a double
 * click, a second alert of that student) sends nothing and answers with the first one's result, so
 * one click never opens two events. A run for another student is not held back: answering it with
 * the first student's event would leave the second student's alert without an event, unnoticed.
 */
function useOnePerStudent<T, O>(action: Action<Opening<T>, O>, studentOf: (target: T) => string): Action<T, O> {
  const { t } = useTranslation();
  const levels = useCrisisLevels();
  const running = useRef(new Map<string, Promise<O | undefined>>());
  const run = (target: T) => {
    const student = studentOf(target);
    let pending = running.current.get(student);
    if (!pending) {
      pending = action.run({ target, levels, t }).finally(() => running.current.delete(student));
      running.current.set(student, pending);
    }
    return pending;
  };
  return { ...action, run };
}

/** Opens a crisis event from an alert (see openFromAlert): the workbench list, the acknowledge dialog. */
export function useOpenCrisisFromAlert(options: ActionOptions<AlertItem, OpenedCrisis> = {}): Action<AlertItem, OpenedCrisis> {
  return useOnePerStudent(useAction(openFromAlert, onTarget(options)), (alert) => alert.student.id);
}

/** Opens (or finds) the crisis event for a form's critical finding (see openForFinding): the critical-result dialog, the form's detail. */
export function useOpenCrisisForFinding(options: ActionOptions<FindingTarget, string> = {}): Action<FindingTarget, string> {
  return useOnePerStudent(useAction(openForFinding, onTarget(options)), (target) => target.studentId);
}

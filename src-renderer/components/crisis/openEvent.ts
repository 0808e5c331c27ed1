import { CallError } from '../../api/client';

/** The open event a `crisis.open` refusal names (CONFLICT crisisEventOpen), if that is what it was. */
export function openEventOfConflict(error: unknown): { eventId: string; eventNo: string } | null {
  if (!(error instanceof CallError) || error.code !== 'CONFLICT' || error.reason !== 'crisisEventOpen') return null;
  const { eventId, eventNo } = error.details as { eventId?: unknown; eventNo?: unknown };
  return typeof eventId === 'string' ? { eventId, eventNo: typeof eventNo === 'string' ? eventNo : '' } : null;
}

export interface OpenStepRef {
  id: string;
  key: string;
  title: string;
}

/** The steps a close refusal lists (CONFLICT crisisStepsOpen), if that is what it was. */
export function openStepsOfConflict(error: unknown): OpenStepRef[] | null {
  if (!(error instanceof CallError) || error.code !== 'CONFLICT' || error.reason !== 'crisisStepsOpen') return null;
  const steps = (error.details as { steps?: unknown }).steps;
  return Array.isArray(steps) ? (steps as OpenStepRef[]) : [];
}

import type { APPOINTMENT_STATUSES } from '../../../src-shared/contract/calendar';
import { AppError } from '../../../src-shared/contract/errors';

export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** scheduled -> checked_in -> done; no-show or cancel while still active; the rest are final. */
const NEXT: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  scheduled: ['checked_in', 'no_show', 'cancelled'],
  checked_in: ['done', 'no_show', 'cancelled'],
  done: [],
  no_show: [],
  cancelled: [],
};

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: AppointmentStatus, to: AppointmentStatus): void {
  if (!canTransition(from, to)) throw new AppError('CONFLICT', { reason: 'appointmentStatusTransition', from, to });
}

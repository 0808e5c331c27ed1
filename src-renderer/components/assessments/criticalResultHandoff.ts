/**
 * Student mode and the main window are different screens (App swaps them after the teacher's
 * exit): the assessment the student worked on is handed across here, so the main window can show
 * its critical result at once. Set as soon as student mode shows the form (so a lock in between
 * does not lose it), kept in memory only, cleared when someone has chosen what to do.
 */
let exitedAssessmentId: string | null = null;

export function handOffExitedAssessment(assessmentId: string): void {
  exitedAssessmentId = assessmentId;
}

export function exitedAssessment(): string | null {
  return exitedAssessmentId;
}

export function clearExitedAssessment(assessmentId: string): void {
  if (exitedAssessmentId === assessmentId) exitedAssessmentId = null;
}

/** The header count and others ask the workbench's alert list to come into view. */
export const FOCUS_ALERTS_EVENT = 'counsel:focus-alerts';
let focusAlertsPending = false;

export function requestAlertsFocus(): void {
  focusAlertsPending = true;
  window.dispatchEvent(new Event(FOCUS_ALERTS_EVENT));
}

/** True once per request: the alert list takes it when it mounts or hears the event. */
export function takeAlertsFocusRequest(): boolean {
  const pending = focusAlertsPending;
  focusAlertsPending = false;
  return pending;
}

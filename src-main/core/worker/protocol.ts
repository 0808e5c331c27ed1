import type { CallResult, EventName } from '../../../src-shared/contract';

/** Messages between a host (Electron main, browser shell) and the core worker. */
export type ToWorker =
  | { type: 'call'; id: number; channel: string; input: unknown }
  | { type: 'lock' }
  /** Only honoured by a worker started with `testClock`. */
  | { type: 'advanceClock'; ms: number }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: CallResult<unknown> }
  | { type: 'event'; name: EventName; payload: unknown }
  | { type: 'fatal'; code: string };

export interface CoreWorkerData {
  dataDir: string;
  version?: string;
  /** End-to-end tests only: a clock the host can move forward (never set by the Electron app). */
  testClock?: boolean;
}

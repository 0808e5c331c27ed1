import { z } from 'zod';
import { event } from './define';
import { ENTITY_KINDS } from './entity-kinds';

/**
 * Events the core pushes to the renderer. A module of its own (re-exported by channels.ts and the
 * contract index) so that the renderer's start-up script validates events without carrying every
 * channel's schemas (issue 19 goal 4).
 */
export const events = {
  'session.locked': event({
    summary: 'The store was locked (by hand, by the idle timer, or by another window).',
    payload: z.object({ reason: z.enum(['manual', 'idle']) }),
  }),
  'job.progress': event({
    summary: 'Progress of a long job (imports, exports, backups).',
    payload: z.object({ jobId: z.string(), phase: z.string(), done: z.number(), total: z.number() }),
  }),
  'store.changed': event({
    summary: 'Committed writes touched these kinds of records (here, in an import, or in another process such as the CLI).',
    payload: z.object({ kinds: z.array(z.enum(ENTITY_KINDS)) }),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

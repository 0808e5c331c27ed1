import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived its last full collection before it runs the
 * next one, in percent (issue 19 goal 3: a 200,000-row roster import stays under 300 MB).
 *
 * By default V8 (Node 20) picks up to 4x when objects are promoted fast, which a large import's
 * file read does; its last full collection fell inside that read, so a 200,000-row import with
 * about 100 MB live held up to 380 MB before the next one, after the COMMIT. At 50 % the heap is
 * collected well before that. Measured on this class of PC (bundled bench child, same file,
 * interleaved runs): roster 200,000 rows 311-379 MB -> 278-303 MB, 50,000 rows 211-222 -> 192-207 MB;
 * census 20,000 students (core worker) 330-334 -> 318-325 MB. Times and the census's p99 of other
 * calls (57-73 vs 60-78 ms) stayed within the runs' own spread. Unlike a forced full
 * collection (3980b82, reverted: half again the time), V8 still schedules its collections itself,
 * incrementally and on the other core.
 */
export const HEAP_GROWING_PERCENT = 50;

let bounded = false;

/**
 * Set the growth for this process. V8's flags are per process and read at each collection, so the
 * core's worker (or the CLI's thread) sets it once for every isolate; setting it again is harmless.
 */
export function boundHeapGrowth(): void {
  if (bounded) return;
  bounded = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * One full garbage collection of this thread's heap, now (tens of ms for a heap of ~150 MB), for a
 * long job between two phases whose garbage would otherwise pile up (issue 19 goal 3).
 *
 * Why a job needs it: V8 (Node 20) runs its next full collection only once the old generation
 * reaches a limit set at the previous one, up to 4x what survived it when the heap grew fast just
 * before. A 200,000-row roster import's last full collection fell while the file was read (~65 MB
 * survived, limit ~285 MB), and none followed until after the COMMIT: the file's shared strings,
 * the plan the writes consume and the writes' garbage all stayed, ~130 MB over a live heap of
 * ~100 MB (measured with --trace-gc-verbose). Bounded by a GarbageBudget, that import peaks at
 * ~270 MB instead of ~380 (bench child, 2026-12-06).
 *
 * The collector is the one `--expose-gc` gives a new context; the flag is set only for the moment
 * that context is made, so no other code sees a `gc` global. If this fails, it does nothing.
 */
export function collectGarbageNow(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  collect?.();
}

/**
 * A long job's bound on the garbage it leaves waiting: `check()` (cheap: call it every ~1,000
 * rows) collects once the heap has grown by more than `budgetMb` since the last collection, so
 * the heap stays within the live data plus the budget whatever V8's own limit is. A job that
 * allocates little never collects; one that piles up garbage collects as often as it needs:
 * 1 run in ~5 of a 200,000-row roster import promotes 3-5x the usual garbage while reading the
 * file (~60 MB a second: 454 MB peak where other runs peaked at ~270, --trace-gc; cause not
 * found, as in session 13's runs).
 */
export class GarbageBudget {
  private floor = getHeapStatistics().used_heap_size;

  constructor(private readonly budgetMb: number) {}

  check(): void {
    if (getHeapStatistics().used_heap_size - this.floor > this.budgetMb * 2 ** 20) this.collect();
  }

  collect(): void {
    collectGarbageNow();
    this.floor = getHeapStatistics().used_heap_size;
  }
}

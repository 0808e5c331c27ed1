/**
 * Takes the unlock lock of a data folder and keeps it until killed: prints `HOLDING` once it has it.
 *
 *   node --import tsx tests/unit/faults/lock-holder-child.ts /path/to/unlock-guard.lock
 */
import { FolderLock } from '../../../src-main/core/keys/folder-lock';

await new FolderLock(process.argv[2]!).run(async () => {
  process.stdout.write('HOLDING\n');
  // Keep the process (and so the lock) alive until the parent kills it.
  setInterval(() => {}, 60_000);
  await new Promise(() => {});
});

/**
 * The app, writing: signs in to a prepared folder, then keeps taking the store's write lock for
 * `holdMs` at a time (one audited write per hold), with `gapMs` between holds, until `stopFile`
 * appears. Prints `READY` once signed in and `HOLD <n>` each time it has the lock.
 *
 *   node --import tsx tests/unit/cli/busy-writer-child.ts '{"dataDir":…,"username":…,"password":…,"holdMs":1500,"gapMs":300,"stopFile":…}'
 */
import { existsSync } from 'node:fs';
import { Core } from '../../../src-main/core/core';
import { silentLog } from '../../../src-main/core/util/log';

const args = JSON.parse(process.argv[2]!) as { dataDir: string; username: string; password: string; holdMs: number; gapMs: number; stopFile: string };
const core = new Core({ dataDir: args.dataDir, log: silentLog });
const signIn = await core.call('auth.signIn', { username: args.username, password: args.password });
if (!signIn.ok) {
  process.stdout.write(`FAILED ${JSON.stringify(signIn.error)}\n`);
  process.exit(1);
}
process.stdout.write('READY\n');
const store = core.vault.requireStore();
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let holds = 0;
while (!existsSync(args.stopFile)) {
  try {
    store.uow.run(core.vault.actor(), (tx) => {
      tx.record('view', 'students', null, { hold: holds });
      process.stdout.write(`HOLD ${++holds}\n`);
      // Keep the write transaction open, as a long write in the app would.
      Atomics.wait(sleeper, 0, 0, args.holdMs);
    });
  } catch (error) {
    // The CLI holds the lock for its own write now: the app answers storeBusy at once and tries later.
    if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
    process.stdout.write('BUSY\n');
  }
  await new Promise((resolve) => setTimeout(resolve, args.gapMs));
}
process.stdout.write(`STOPPED ${holds}\n`);
core.dispose();

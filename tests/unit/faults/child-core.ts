/**
 * A core in its own process, for the kill -9 tests: signs in to a folder the test prepared, runs
 * one long call and says on stdout how far it got, so the parent can SIGKILL it mid-way.
 *
 *   node --import tsx tests/unit/faults/child-core.ts '{"dataDir":…,"channel":…,"input":…,"inputFile":…}'
 *
 * Lines: `READY` once signed in, `START` just before the call, `PROGRESS <phase> <done> <total>`
 * for each job progress event, `DONE <json>` when the call returned.
 */
import { readFileSync } from 'node:fs';
import { Core } from '../../../src-main/core/core';
import { silentLog } from '../../../src-main/core/util/log';

interface ChildArgs {
  dataDir: string;
  username: string;
  password: string;
  channel: string;
  input: Record<string, unknown>;
  /** A file whose bytes go into `input.contentBase64` (the import file). */
  inputFile?: string;
}

const args = JSON.parse(process.argv[2]!) as ChildArgs;
const say = (line: string) => process.stdout.write(`${line}\n`);

const core = new Core({
  dataDir: args.dataDir,
  log: silentLog,
  emit: (name, payload) => {
    if (name !== 'job.progress') return;
    const p = payload as { phase: string; done: number; total: number };
    say(`PROGRESS ${p.phase} ${p.done} ${p.total}`);
  },
});

const signIn = await core.call('auth.signIn', { username: args.username, password: args.password });
if (!signIn.ok) {
  say(`FAILED ${JSON.stringify(signIn.error)}`);
  process.exit(1);
}
say('READY');
const input = { ...args.input, ...(args.inputFile && { contentBase64: readFileSync(args.inputFile).toString('base64') }) };
say('START');
const result = await core.call(args.channel, input);
say(`DONE ${JSON.stringify(result.ok ? { ok: true } : result)}`);
core.dispose();

/**
 * One sign-in attempt from its own process, started when the parent creates the go file, so
 * that several of them race for the same back-off window:
 *
 *   node --import tsx tests/unit/faults/sign-in-child.ts '{"dataDir":…,"username":…,"password":…,"goFile":…}'
 *
 * Prints `READY` once loaded, then `RESULT <json of the call result>`.
 */
import { existsSync } from 'node:fs';
import { Core } from '../../../src-main/core/core';
import { silentLog } from '../../../src-main/core/util/log';

const args = JSON.parse(process.argv[2]!) as { dataDir: string; username: string; password: string; goFile: string };
const core = new Core({ dataDir: args.dataDir, log: silentLog });
process.stdout.write('READY\n');
while (!existsSync(args.goFile)) await new Promise((resolve) => setTimeout(resolve, 2));
const result = await core.call('auth.signIn', { username: args.username, password: args.password });
process.stdout.write(`RESULT ${JSON.stringify(result.ok ? { ok: true } : result)}\n`);
core.dispose();

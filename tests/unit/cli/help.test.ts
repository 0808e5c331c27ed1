import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../../src-main/cli/help';
import { runCli as runSchoolServer } from '../../../src-main/school-server/cli';
import { tempDir } from '../core/helpers';
import { runCli } from './cli-harness';

const ZH = { COUNSEL_LOCALE: 'zh-CN', LC_ALL: undefined, LANG: undefined };
const EN = { COUNSEL_LOCALE: 'en', LC_ALL: undefined, LANG: 'zh_CN.UTF-8' };

describe('counsel --help', () => {
  it('prints the overview in Chinese or English by locale, COUNSEL_LOCALE forcing it', async () => {
    const zh = await runCli(['--help'], ZH);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('退出码：0 成功');
    expect(zh.stdout).toContain('counsel roster import --file F');
    // COUNSEL_LOCALE=en wins over a Chinese LANG.
    const en = await runCli(['--help'], EN);
    expect(en.stdout).toContain('Exit codes: 0 ok');
    expect(en.stdout).not.toMatch(/退出码/);
    // Without COUNSEL_LOCALE the usual variables decide, LC_ALL before LANG.
    const byLang = await runCli(['--help'], {
      COUNSEL_LOCALE: undefined,
      COUNSEL_LANG: undefined,
      LC_ALL: undefined,
      LC_MESSAGES: undefined,
      LANG: 'zh_CN.UTF-8',
    });
    expect(byLang.stdout).toContain('退出码');
    const byLcAll = await runCli(['--help'], { COUNSEL_LOCALE: undefined, COUNSEL_LANG: undefined, LC_ALL: 'C', LANG: 'zh_CN.UTF-8' });
    expect(byLcAll.stdout).toContain('Exit codes');
  });

  it('lists every command the CLI has, and each command has its own help in both languages', async () => {
    const source = readFileSync(join(process.cwd(), 'src-main/cli/counsel.ts'), 'utf8');
    const block = source.slice(source.indexOf('const commands'), source.indexOf('\n};', source.indexOf('const commands')));
    const commands = [...block.matchAll(/^ {2}(?:async )?([a-z]+)[(:]/gm)].map((m) => m[1]);
    expect(commands.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(COMMAND_HELP).sort()).toEqual([...commands].sort());
    for (const name of commands) {
      const zh = await runCli([name, '--help'], ZH);
      const en = await runCli([name, '--help'], EN);
      expect(zh.code, name).toBe(0);
      expect(zh.stdout, name).toContain(`counsel ${name}`);
      expect(zh.stdout, name).toContain(COMMAND_HELP[name].zh);
      expect(zh.stdout, name).toMatch(/[\u4e00-\u9fff]/);
      expect(en.stdout, name).toContain(COMMAND_HELP[name].en);
      expect(en.stdout.replace('心理辅导与危机干预工作台', ''), name).not.toMatch(/[\u4e00-\u9fff]{3}/);
    }
  });

  it('an unknown command still prints the overview and exits 2', async () => {
    const result = await runCli(['frobnicate'], ZH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('退出码');
  });
});

describe('README', () => {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');

  it('describes `school-server keys` as what it prints', async () => {
    const dir = tempDir('server-keys-');
    const identity = join(dir, 'key.txt');
    await runSchoolServer(['keygen', '--out', identity], { out: () => undefined, err: () => undefined, env: {} });
    let printed = '';
    expect(await runSchoolServer(['keys', '--dir', dir, '--identity', identity], { out: (text) => (printed += text), err: () => undefined, env: {} })).toBe(0);
    expect(printed).toMatch(/age recipient/);
    expect(printed).toMatch(/age1[0-9a-z]+/);
    expect(printed).toMatch(/signing public key \(fingerprint /);
    expect(printed).toContain('-----BEGIN PUBLIC KEY-----');
    const line = readme.slice(readme.indexOf('school-server -- keys'), readme.indexOf('school-server -- trust'));
    expect(line).toContain('--identity key.txt');
    for (const words of ['age recipient', 'signing public key', 'fingerprint']) expect(line).toContain(words);
    expect(line).not.toMatch(/paste/);
  });

  it('starts with a command that needs no environment variable first', () => {
    const twoCommands = readme.slice(readme.indexOf('## Two commands'), readme.indexOf('## Where data lives'));
    expect(twoCommands).toContain('npm install && npm start');
    expect(twoCommands).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });
});

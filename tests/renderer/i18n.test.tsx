import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/contract';
import { CallError } from '../../src-renderer/api/client';
import i18n, { setLanguage } from '../../src-renderer/i18n';
import { en } from '../../src-renderer/i18n/en';
import { errorMessage, fieldErrors, issueMessage } from '../../src-renderer/i18n/errors';
import { zhCN } from '../../src-renderer/i18n/zh-CN';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`)));
}

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : leaves(value as object)));
}

/** Every `reason: '...'` the core can send, read from its source so a new one cannot be missed. */
function coreReasons(): string[] {
  // vitest runs from the repository root (jsdom gives import.meta.url an http: scheme).
  const roots = ['src-main/core', 'src-main/electron', 'src-main/browser-shell', 'src-shared'].map((dir) => join(process.cwd(), dir));
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && existsSync(path)) {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/reason:\s*'([A-Za-z_]+)'/g)) found.add(match[1]);
        for (const match of text.matchAll(/reason:[^,}\n]*\?\s*'([A-Za-z_]+)'\s*:\s*'([A-Za-z_]+)'/g)) {
          found.add(match[1]);
          found.add(match[2]);
        }
      }
    }
  };
  for (const root of roots) if (existsSync(root)) walk(root);
  // `session.locked` payload reasons and audit-chain reasons are not errors.
  for (const notAnError of ['manual', 'idle', 'hashMismatch', 'prevHashMismatch', 'sequenceGap', 'unreadable']) found.delete(notAnError);
  return [...found].sort();
}

const BRIEFED_REASONS = [
  'wrongCredentials',
  'wrongRecoveryCode',
  'accountDisabled',
  'notSignedIn',
  'keyringMissing',
  'keyringCorrupt',
  'keyringTooNew',
  'keyMismatch',
  'keyringMismatch',
  'databaseMissing',
  'databaseUnreadable',
  'usernameTaken',
  'lastAdmin',
  'cannotDisableSelf',
  'accountNotFound',
  'adminNotFound',
  'currentPasswordWrong',
  'passwordUnchanged',
  'unknownChannel',
  // assessment-service sends `reason: error.code` of an InstrumentInputError when details carry none.
  'UNKNOWN_INSTRUMENT',
  'BAD_RESPONSES',
  'BAD_OPTIONS',
];

describe('i18n resources', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('has no empty strings, and English has no Chinese left in it (except the language name)', () => {
    expect(leaves(zhCN).filter((text) => text.trim() === '')).toEqual([]);
    expect(leaves(en).filter((text) => text.trim() === '')).toEqual([]);
    expect(leaves(en).filter((text) => /[\u4e00-\u9fff]/.test(text) && text !== '简体中文')).toEqual([]);
  });

  it('every literal key the renderer passes to t() exists in both languages', () => {
    const zh = new Set(keys(zhCN));
    const english = new Set(keys(en));
    // t('a.b', { returnObjects: true }) reads a subtree: a prefix of a key is a key too.
    const prefixes = new Set([...zh].flatMap((key) => key.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
    const has = (set: Set<string>, key: string) => set.has(key) || set.has(`${key}_one`) || set.has(`${key}_other`) || prefixes.has(key);
    const used = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(path) && !path.includes(`${join('src-renderer', 'i18n')}`)) {
          for (const match of readFileSync(path, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) used.set(match[1], path);
        }
      }
    };
    walk(join(process.cwd(), 'src-renderer'));
    expect(used.size).toBeGreaterThan(1000);
    const missing = [...used].filter(([key]) => !has(zh, key) || !has(english, key)).map(([key, path]) => `${key} (${path})`);
    expect(missing).toEqual([]);
  });

  it('translates every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(zhCN.errors.codes).toHaveProperty(code);
      expect(en.errors.codes).toHaveProperty(code);
    }
  });

  it('translates every reason the core sends, in both languages', () => {
    const reasons = [...new Set([...BRIEFED_REASONS, ...coreReasons()])];
    expect(coreReasons()).toEqual(expect.arrayContaining(['wrongCredentials', 'lastAdmin', 'coreStopped', 'untrustedSender']));
    for (const reason of reasons) {
      expect(zhCN.errors.reasons, reason).toHaveProperty(reason);
      expect(en.errors.reasons, reason).toHaveProperty(reason);
    }
  });
});

describe('error translation', () => {
  it('prefers the reason, then the code', async () => {
    await setLanguage('zh-CN');
    expect(errorMessage(new CallError('auth.signIn', 'UNAUTHENTICATED', { reason: 'wrongCredentials' }))).toBe('用户名或密码错误。');
    expect(errorMessage(new CallError('accounts.list', 'FORBIDDEN', { permission: 'accounts.manage' }))).toBe('您没有执行此操作的权限。');
    expect(errorMessage(new CallError('accounts.list', 'CONFLICT', { reason: 'somethingNew' }))).toBe('此操作与当前状态冲突。');
    expect(errorMessage(new Error('boom: /home/x/secret.db'))).toBe(zhCN.errors.codes.INTERNAL);
    expect(errorMessage(new CallError('roster.import' as never, 'VALIDATION', { reason: 'mappingColumnMissing', column: '学号' }))).toBe(
      '文件中没有“学号”这一列。',
    );
    expect(
      errorMessage(
        new CallError('assessments.answer' as never, 'VALIDATION', { reason: 'OUT_OF_RANGE', instrument: 'phq9', item: 3, value: 7, min: 0, max: 3, count: 2 }),
      ),
    ).toBe('phq9 第 3 题：7 超出 0–3 的范围。');
  });

  it('says how long to wait when THROTTLED', async () => {
    await setLanguage('zh-CN');
    expect(errorMessage(new CallError('auth.signIn', 'THROTTLED', { retryAfterSeconds: 8 }))).toContain('请等待 8 秒后再试');
    await setLanguage('en');
    expect(errorMessage(new CallError('auth.signIn', 'THROTTLED', { retryAfterSeconds: 8 }))).toContain('wait 8 s');
  });

  it('turns VALIDATION issues into field errors', async () => {
    await setLanguage('zh-CN');
    const error = new CallError('setup.initialize', 'VALIDATION', {
      issues: [
        { path: ['admin', 'username'], code: 'invalid_format', message: 'usernameChars' },
        { path: ['admin', 'password'], code: 'too_small', message: 'Too small: expected string to have >=10 characters' },
        { path: ['schoolName'], code: 'too_small', message: 'Too small' },
      ],
    });
    expect(fieldErrors(error)).toEqual([
      { name: 'username', errors: ['用户名只能包含英文字母、数字、点、下划线和连字符。'] },
      { name: 'password', errors: ['密码至少需要 10 个字符。'] },
      { name: 'schoolName', errors: ['请填写此项。'] },
    ]);
    expect(issueMessage({ path: ['newPassword'], code: 'custom', message: 'passwordUnchanged' })).toBe('新密码不能与当前密码相同。');
    expect(issueMessage({ path: ['idleLockMinutes'], code: 'too_big', message: 'x' })).toBe('请输入 1 到 240 之间的整数。');
    await setLanguage('en');
    expect(issueMessage({ path: ['admin', 'password'], code: 'too_small', message: 'x' })).toBe('The password needs at least 10 characters.');
    expect(i18n.language).toBe('en');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { GLOBAL_JUSTIFIED, justificationAt, review } from '../../../scripts/electronegativity.mjs';

/**
 * Electronegativity (the Electron security lint) over src-main/electron, including the preload:
 * every finding is fixed or justified in a comment at the flagged line. The tool runs offline
 * (its attempt to fetch Electron's release list fails and is ignored), so it can take a while.
 */
const ROOT = join(__dirname, '..', '..', '..');

describe('electronegativity', () => {
  it('reports no unjustified finding over src-main/electron', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'electronegativity.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(run.stdout, run.stderr).toMatch(/electronegativity: \d+ finding\(s\), 0 unjustified/);
    expect(run.status, run.stdout).toBe(0);
  }, 300_000);

  describe('justifications', () => {
    const dir = mkdtempSync(join(tmpdir(), 'counsel-eng-test-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'win.ts');
    writeFileSync(
      file,
      [
        'const a = new BrowserWindow({', // 1: no comment above
        '  webPreferences: {',
        '    // electronegativity: PRELOAD_JS_CHECK — the preload exposes only a checked invoke and on',
        '    // (a second line of the reason).',
        '    preload: p,', // 5
        '    // electronegativity: SANDBOX_JS_CHECK — ok', // too short a reason
        '    sandbox: true,', // 7
        '  },',
        '});',
      ].join('\n'),
    );
    const at = (rule: string, line: number) => ({
      ruleId: rule,
      message: { text: rule },
      locations: [{ physicalLocation: { artifactLocation: { uri: `file://${file}` }, region: { startLine: line } } }],
    });

    it('accepts a reason in the comment block right above the flagged line, for that check only', () => {
      const source = `// electronegativity: X_CHECK — a reason long enough to count\nfoo();\n\nbar();`;
      expect(justificationAt(source, 2, 'X_CHECK')).toMatch(/^a reason/);
      expect(justificationAt(source, 2, 'Y_CHECK')).toBeNull();
      expect(justificationAt(source, 4, 'X_CHECK')).toBeNull();
    });

    it('fails findings without a reason, with too short a reason, or global ones not allow-listed', () => {
      const { findings, unjustified } = review([
        at('PRELOAD_JS_CHECK', 5),
        at('AUXCLICK_JS_CHECK', 1),
        at('SANDBOX_JS_CHECK', 7),
        { ruleId: 'CSP_GLOBAL_CHECK', locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///' } } }] },
        { ruleId: 'LIMIT_NAVIGATION_GLOBAL_CHECK', locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///' } } }] },
      ]);
      expect(findings).toHaveLength(5);
      expect(unjustified.map((f: { rule: string }) => f.rule)).toEqual(['AUXCLICK_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']);
    });

    it('allow-lists global checks only with a stated reason', () => {
      for (const [rule, reason] of Object.entries(GLOBAL_JUSTIFIED as Record<string, string>)) {
        expect(rule).toMatch(/_GLOBAL_CHECK$/);
        expect(reason.length).toBeGreaterThan(40);
      }
    });
  });
});

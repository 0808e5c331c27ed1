#!/usr/bin/env node
// Runs @doyensec/electronegativity (Electron security lint, offline) over the Electron main process
// and the preload (src-main/electron), and fails on any finding that is not justified.
//
// A finding is justified by a comment at the flagged place, on the flagged line or in the comment
// block right above it:   // electronegativity: CHECK_ID — why this is safe here
// Global checks have no place in the code; they are justified in GLOBAL_JUSTIFIED below.
// The SARIF output is parsed (the CSV output leaves the code sample unquoted, commas and all).
//
// Usage: node scripts/electronegativity.mjs [--input <dir>]   exit 0 = every finding justified
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Checks that look at the whole app, not a line: the reason each does not apply to us. */
export const GLOBAL_JUSTIFIED = {
  CSP_GLOBAL_CHECK:
    'The CSP is not in a <meta> tag or an onHeadersReceived hook, where the tool looks: the app:// protocol ' +
    'handler sends it as a header on every response (src-main/electron/headers.ts, policy in src-shared/csp.ts; ' +
    "script-src 'self' plus the hash of index.html's one inline script, no unsafe-inline/eval, no remote origins). Tested in tests/unit/electron/security-checklist.test.ts " +
    'and glue.test.ts, and in the browser by tests/e2e/security.spec.ts.',
};

const MIN_REASON_LENGTH = 20;

function electronVersion() {
  try {
    return require('electron/package.json').version;
  } catch {
    return '39.0.0';
  }
}

function runTool(input) {
  const dir = mkdtempSync(join(tmpdir(), 'counsel-eng-'));
  const out = join(dir, 'findings.sarif');
  try {
    const bin = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
    // "Something went wrong while fetching Electron's releases" is the tool being offline: harmless.
    const run = spawnSync(process.execPath, [bin, '-i', input, '-o', out, '-e', electronVersion(), '-v', 'false'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
    });
    let sarif;
    try {
      sarif = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      throw new Error(`electronegativity produced no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    return sarif.runs.flatMap((r) => r.results ?? []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The flagged line and the comment block directly above it. */
function commentContext(lines, lineNo) {
  const context = [lines[lineNo - 1] ?? ''];
  for (let i = lineNo - 2; i >= 0; i--) {
    const text = lines[i].trim();
    if (!/^(\/\/|\/\*|\*)/.test(text)) break;
    context.unshift(text);
  }
  return context.join('\n');
}

/** The reason given for `rule` at `file:line`, or null. */
export function justificationAt(source, lineNo, rule) {
  const context = commentContext(source.split(/\r?\n/), lineNo);
  const match = new RegExp(`electronegativity:\\s*${rule}\\s*[—–-]\\s*(.+)`).exec(context);
  return match && match[1].trim().length >= MIN_REASON_LENGTH ? match[1].trim() : null;
}

export function review(results) {
  const findings = results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri ?? '';
    const path = uri.startsWith('file://') ? fileURLToPath(uri) : uri;
    const line = location?.region?.startLine ?? 0;
    const rule = result.ruleId;
    const isFile = path !== '' && path !== '/' && isAbsolute(path);
    let reason = null;
    if (!isFile) reason = GLOBAL_JUSTIFIED[rule] ?? null;
    else reason = justificationAt(readFileSync(path, 'utf8'), line, rule);
    return { rule, where: isFile ? `${relative(ROOT, path)}:${line}` : '(global)', message: result.message?.text ?? '', reason };
  });
  return { findings, unjustified: findings.filter((f) => f.reason === null) };
}

function main() {
  const args = process.argv.slice(2);
  const inputAt = args.indexOf('--input');
  const input = resolve(ROOT, inputAt >= 0 ? args[inputAt + 1] : 'src-main/electron');
  const { findings, unjustified } = review(runTool(input));
  for (const f of findings) {
    console.log(`${f.reason ? 'justified  ' : 'UNJUSTIFIED'} ${f.rule} ${f.where}${f.reason ? '' : ` — ${f.message}`}`);
  }
  console.log(`electronegativity: ${findings.length} finding(s), ${unjustified.length} unjustified`);
  if (unjustified.length > 0) {
    console.log('Fix each, or justify it with a comment at the flagged line: // electronegativity: CHECK_ID — reason');
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

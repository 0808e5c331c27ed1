import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CHANNEL_DATA_USE } from '../../../src-shared/contract/channel-kinds';

/**
 * Issue 20 item 4: every renderer write goes through `useWrite(channel)` / `useAction(fn)`
 * (src-renderer/api/mutations.ts), which own the pending state and the one error display.
 *
 * A DIRECT write is, outside the api/ layer and the separate school-web app:
 * - `call('x.y', …)` (however `call` is imported or renamed) on a channel classified as a write in
 *   src-shared/contract/channel-kinds.ts, or on a channel that is not a string literal (it could be one),
 *   unless the call sits inside the function given to `useAction(…)`: inline, a function of the
 *   same file whose name is given to it, or a function given as a JSX prop to a component (of any
 *   renderer file) that gives that prop to useAction (`<ReasonModal onSubmit={…}>` when ReasonModal
 *   does `useAction(onSubmit, …)`);
 * - `useCallMutation('x.y', …)` on such a channel (react-query's own pending/error state);
 * - the bridge called by hand (`….counsel.invoke(…)`, `bridge().invoke(…)`).
 *
 * No file may write directly: the list of files that still did (renderer-writes.allowlist, 63 files
 * and 101 direct writes when this test came) was emptied and is gone. There is no exception: a write
 * that must run outside a component (a helper module) is still called from inside a useAction
 * function, or becomes a hook itself (crisis/openFromAlert.ts).
 */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RENDERER = join(REPO_ROOT, 'src-renderer');
const SKIPPED_DIRS = new Set([join(RENDERER, 'school-web'), join(RENDERER, 'api')]);

export interface DirectWrite {
  line: number;
  what: string;
}

function isWriteChannel(channel: string): boolean {
  const use = (CHANNEL_DATA_USE as Record<string, { kind: string } | undefined>)[channel];
  // A channel the contract does not know is not a read either: count it.
  return !use || use.kind === 'write';
}

/** The channel named by a call's first argument, or null when it is not a plain string. */
function literalChannel(node: ts.CallExpression): string | null {
  const first = node.arguments[0];
  if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) return first.text;
  return null;
}

function isFunctionLike(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node);
}

/** The name a function is known by in its file: `function f`, `const f = () => …`, `const f = useCallback(() => …)`. */
function functionName(fn: ts.Node): string | null {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text ?? null;
  let node: ts.Node = fn;
  if (ts.isCallExpression(node.parent) && ts.isIdentifier(node.parent.expression) && node.parent.expression.text === 'useCallback') node = node.parent;
  if (ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) && node.parent.initializer === node) return node.parent.name.text;
  return null;
}

function parse(fileName: string, source: string): ts.SourceFile {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** Component name → the props it runs through useAction (`function M({ onSubmit }) { useAction(onSubmit) }`). */
export type ActionProps = Map<string, Set<string>>;

/** Adds one file's components that give one of their props to useAction. */
export function collectActionProps(fileName: string, source: string, into: ActionProps = new Map()): ActionProps {
  const file = parse(fileName, source);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'useAction') {
      const first = node.arguments[0];
      if (first && ts.isIdentifier(first)) {
        for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
          if (!isFunctionLike(at)) continue;
          const name = functionName(at);
          const props = at.parameters[0]?.name;
          const isProp = props && ts.isObjectBindingPattern(props) && props.elements.some((e) => ts.isIdentifier(e.name) && e.name.text === first.text);
          if (name && /^[A-Z]/.test(name) && isProp) {
            const set = into.get(name) ?? new Set<string>();
            const element = props.elements.find((e) => ts.isIdentifier(e.name) && e.name.text === first.text)!;
            set.add((element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName : (element.name as ts.Identifier)).text);
            into.set(name, set);
          }
          break;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return into;
}

/** The direct writes of one renderer source file (see the comment at the top). */
export function findDirectWrites(fileName: string, source: string, actionProps: ActionProps = new Map()): DirectWrite[] {
  const file = parse(fileName, source);
  const callNames = new Set<string>();
  const clientNamespaces = new Set<string>();
  const callMutationNames = new Set<string>();
  const actionHookNames = new Set<string>(['useAction']);

  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings) continue;
    const named = (wanted: string, into: Set<string>) => {
      if (!ts.isNamedImports(bindings)) return;
      for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === wanted) into.add(element.name.text);
    };
    if (/(^|\/)api\/client$/.test(from)) {
      named('call', callNames);
      if (ts.isNamespaceImport(bindings)) clientNamespaces.add(bindings.name.text);
    }
    if (/(^|\/)api\/queries$/.test(from)) named('useCallMutation', callMutationNames);
    if (/(^|\/)api\/mutations$/.test(from)) named('useAction', actionHookNames);
  }

  const isActionHook = (node: ts.CallExpression) => ts.isIdentifier(node.expression) && actionHookNames.has(node.expression.text);

  // Names of this file's functions given to useAction (`useAction(save, …)`).
  const actionFunctions = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isActionHook(node)) {
      const first = node.arguments[0];
      if (first && ts.isIdentifier(first)) actionFunctions.add(first.text);
    }
    ts.forEachChild(node, collect);
  };
  collect(file);

  /** Inside the function a useAction runs: given to it inline, or by its name. */
  const insideAction = (node: ts.Node): boolean => {
    for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
      if (!isFunctionLike(at)) continue;
      const parent: ts.Node = at.parent;
      if (ts.isCallExpression(parent) && isActionHook(parent) && parent.arguments[0] === at) return true;
      const name = functionName(at);
      if (name && actionFunctions.has(name)) return true;
      if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) {
        const element = parent.parent.parent.parent;
        const prop = parent.parent.name.getText(file);
        if ((ts.isJsxOpeningElement(element) || ts.isJsxSelfClosingElement(element)) && actionProps.get(element.tagName.getText(file))?.has(prop)) return true;
      }
    }
    return false;
  };

  const found: DirectWrite[] = [];
  const report = (node: ts.Node, what: string) => found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, what });

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isCall =
        (ts.isIdentifier(callee) && callNames.has(callee.text)) ||
        (ts.isPropertyAccessExpression(callee) &&
          callee.name.text === 'call' &&
          ts.isIdentifier(callee.expression) &&
          clientNamespaces.has(callee.expression.text));
      const isCallMutation = ts.isIdentifier(callee) && callMutationNames.has(callee.text);
      if (isCall || isCallMutation) {
        const channel = literalChannel(node);
        if ((channel === null || isWriteChannel(channel)) && !(isCall && insideAction(node))) {
          report(node, `${isCall ? 'call' : 'useCallMutation'}(${channel ?? '<not a literal channel>'})`);
        }
      } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'invoke' && /counsel|bridge/i.test(callee.expression.getText(file))) {
        report(node, `${callee.getText(file)}(…)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function rendererFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(path)) out.push(...rendererFiles(path));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

/** What the tree check says, given each file's direct writes: every one of them, by file and line. */
export function directWritesReport(writes: Map<string, DirectWrite[]>): string[] {
  return [...writes].filter(([, found]) => found.length > 0).map(([file, found]) => `${file}: ${found.map((w) => `line ${w.line} ${w.what}`).join('; ')}`);
}

describe('the renderer writes through useWrite/useAction only', () => {
  it('no renderer file writes directly', () => {
    const sources = new Map(rendererFiles(RENDERER).map((path) => [relative(REPO_ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8')]));
    const actionProps: ActionProps = new Map();
    for (const [name, source] of sources) collectActionProps(name, source, actionProps);
    const writes = new Map([...sources].map(([name, source]) => [name, findDirectWrites(name, source, actionProps)]));
    expect(directWritesReport(writes), 'write through useWrite/useAction (src-renderer/api/mutations.ts) instead').toEqual([]);
  });

  describe('the detector', () => {
    const header =
      "import { call as invoke } from '../../api/client';\nimport { useAction } from '../../api/mutations';\nimport { useCallMutation } from '../../api/queries';\n";
    const writesIn = (body: string) => findDirectWrites('src-renderer/components/x/X.tsx', header + body).map((w) => w.what);

    it.each([
      ['a write called in a click handler', "const f = () => invoke('notes.create', input);"],
      ['a write in react-query by hand', "const m = useMutation({ mutationFn: (i) => invoke('crisis.open', i) });"],
      ['a write with hand-made state', "useCallMutation('settings.update');"],
      ['a channel that is not a literal', 'const f = (channel) => invoke(channel, {});'],
      ['a write in a function not given to useAction', "async function save(v) { await invoke('groups.create', v); }\nconst a = useAction(other);"],
      ['the bridge by hand', "window.counsel.invoke('notes.create', {});"],
    ])('counts %s', (_what, body) => {
      expect(writesIn(body)).toHaveLength(1);
    });

    it.each([
      ['a read', "const f = () => invoke('students.get', { id });"],
      ['a write inside useAction', "const a = useAction(async (v) => { await invoke('groups.create', v); });"],
      [
        'a write in a named function given to useAction',
        "async function save(v) { await invoke('groups.create', v); }\nconst a = useAction(save, { onSuccess });",
      ],
      ['a write in a const function given to useAction', "const save = useCallback(async (v) => invoke('groups.create', v), []);\nconst a = useAction(save);"],
      ['a read with useCallMutation', "useCallMutation('students.search');"],
    ])('does not count %s', (_what, body) => {
      expect(writesIn(body)).toEqual([]);
    });

    it('does not count a write given as a prop that the component runs through useAction, and counts one given to another prop', () => {
      const props = collectActionProps(
        'src-renderer/M.tsx',
        'export function ReasonModal({ onSubmit, onClose }) { const a = useAction(onSubmit, { onSuccess: onClose }); }',
      );
      const body = (prop: string) => `const x = <ReasonModal ${prop}={async (r) => { await invoke('crisis.reopenStep', { r }); }} />;`;
      expect(findDirectWrites('src-renderer/x/X.tsx', header + body('onSubmit'), props)).toEqual([]);
      expect(findDirectWrites('src-renderer/x/X.tsx', header + body('onClose'), props)).toHaveLength(1);
      expect(findDirectWrites('src-renderer/x/X.tsx', header + body('onSubmit').replace('ReasonModal', 'OtherModal'), props)).toHaveLength(1);
    });

    it('counts `call` imported as a namespace too', () => {
      expect(findDirectWrites('src-renderer/x.ts', "import * as client from './api/client';\nclient.call('notes.create', {});")).toHaveLength(1);
    });

    it('reports each file that writes directly, with its lines, and nothing for a file without', () => {
      const writes = new Map([
        ['src-renderer/a.tsx', findDirectWrites('src-renderer/a.tsx', header + "invoke('notes.create', {});")],
        ['src-renderer/c.tsx', findDirectWrites('src-renderer/c.tsx', header + "invoke('students.get', { id: 'x' });")],
      ]);
      expect(directWritesReport(writes)).toEqual(['src-renderer/a.tsx: line 4 call(notes.create)']);
    });
  });
});

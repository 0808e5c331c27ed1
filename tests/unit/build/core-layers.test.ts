import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COMPOSITION_ROOT, CORE_LAYERS, KERNEL, KERNEL_USES_OF_DOMAINS, PUBLIC_MODULES } from '../../../src-main/core/layers';

/**
 * How the core depends (src-main/core/layers.ts): every import of every core file, resolved to a
 * module path, is checked against the layer order, the public modules, and the kernel's list.
 */
const CORE = path.resolve('src-main/core');

/** An import inside the core: both sides as paths under src-main/core without extension. */
interface Edge {
  from: string;
  to: string;
}

function coreFiles(dir = CORE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(full);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const stripExtension = (p: string) => p.replace(/\.(ts|mts|js|mjs)$/, '');

/** Static imports, `export … from`, `import type` and `import('…')` of every core file, relative ones that stay in the core. */
function coreEdges(): Edge[] {
  return coreFiles().flatMap((file) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    return importedFiles
      .map((imported) => imported.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.relative(CORE, stripExtension(path.resolve(path.dirname(file), spec))))
      .filter((to) => !to.startsWith('..'))
      .map((to) => ({ from: stripExtension(path.relative(CORE, file)), to: to.split(path.sep).join('/') }));
  });
}

/** The folder a module belongs to; a top-level file is `@name`. */
function unitOf(modulePath: string): string {
  const parts = modulePath.split('/');
  return parts.length > 1 ? parts[0] : `@${parts[0]}`;
}

interface Rules {
  kernel: readonly string[];
  root: readonly string[];
  layers: readonly (readonly string[])[];
  publicModules: Readonly<Record<string, readonly string[]>>;
  kernelUses: readonly (readonly [string, string])[];
}

const RULES: Rules = { kernel: KERNEL, root: COMPOSITION_ROOT, layers: CORE_LAYERS, publicModules: PUBLIC_MODULES, kernelUses: KERNEL_USES_OF_DOMAINS };

function isPublic(modulePath: string, rules: Rules): boolean {
  const name = modulePath.split('/').pop()!;
  const folder = unitOf(modulePath);
  return /-(service|timeline)$/.test(name) && modulePath.split('/').length === 2
    ? true
    : (rules.publicModules[folder] ?? []).includes(modulePath.slice(folder.length + 1));
}

/** Every import that breaks the order, as readable lines. */
function violations(edges: readonly Edge[], rules: Rules): string[] {
  const layerOf = new Map<string, number>();
  rules.layers.forEach((domains, index) => domains.forEach((domain) => layerOf.set(domain, index)));
  const kernel = new Set(rules.kernel);
  const root = new Set(rules.root);
  const kernelUses = new Set(rules.kernelUses.map(([from, to]) => `${from} -> ${to}`));
  const found: string[] = [];
  for (const { from, to } of edges) {
    const a = unitOf(from);
    const b = unitOf(to);
    if (a === b || root.has(a)) continue;
    const line = `${from} -> ${to}`;
    if (kernel.has(b)) continue;
    if (root.has(b)) {
      found.push(`${line}: imports the composition root`);
      continue;
    }
    if (kernel.has(a)) {
      if (!kernelUses.has(line)) found.push(`${line}: the kernel imports a domain`);
      continue;
    }
    if (!layerOf.has(a) || !layerOf.has(b)) {
      found.push(`${line}: ${!layerOf.has(a) ? a : b} is in no layer of src-main/core/layers.ts`);
      continue;
    }
    if (layerOf.get(b)! >= layerOf.get(a)!) {
      found.push(`${line}: ${a} (layer ${layerOf.get(a)}) imports ${b} (layer ${layerOf.get(b)}), not a lower layer`);
      continue;
    }
    if (!isPublic(to, rules)) found.push(`${line}: not a public module of ${b}`);
  }
  return found;
}

/** The domain cycles (strongly connected sets of more than one folder), kernel and root left out. */
function domainCycles(edges: readonly Edge[], rules: Rules): string[][] {
  const skip = new Set([...rules.kernel, ...rules.root]);
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = unitOf(from);
    const b = unitOf(to);
    if (a === b || skip.has(a) || skip.has(b)) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    graph.get(a)!.add(b);
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const edges = coreEdges();

describe('how the core depends (src-main/core/layers.ts)', () => {
  it('reads the imports of the core (a sanity check that the scan sees them)', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'crisis/event-service', to: 'students/scope' });
    expect(edges).toContainEqual({ from: '@handlers'.slice(1), to: 'handover/handover-handlers' });
  });

  it('every import goes down: to the kernel, or to a public module of a lower layer', () => {
    expect(violations(edges, RULES)).toEqual([]);
  });

  it('the domain graph has no cycle', () => {
    expect(domainCycles(edges, RULES)).toEqual([]);
  });

  it('every folder of the core is in the kernel, the composition root or exactly one layer', () => {
    const placed = [...KERNEL, ...COMPOSITION_ROOT, ...CORE_LAYERS.flat()];
    expect(new Set(placed).size).toBe(placed.length);
    const folders = readdirSync(CORE, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !placed.includes(folder))).toEqual([]);
    expect(CORE_LAYERS.flat().filter((domain) => !folders.includes(domain))).toEqual([]);
  });

  it('the kernel list only shrinks: each listed use of a domain still exists (delete it from layers.ts when it goes)', () => {
    const present = new Set(edges.map(({ from, to }) => `${from} -> ${to}`));
    expect(KERNEL_USES_OF_DOMAINS.map(([from, to]) => `${from} -> ${to}`).filter((line) => !present.has(line))).toEqual([]);
  });

  it('each public module named in layers.ts exists and is imported by another domain', () => {
    const imported = new Set(edges.filter(({ from, to }) => unitOf(from) !== unitOf(to)).map(({ to }) => to));
    const listed = Object.entries(PUBLIC_MODULES).flatMap(([folder, names]) => names.map((name) => `${folder}/${name}`));
    expect(listed.filter((modulePath) => !imported.has(modulePath))).toEqual([]);
  });
});

describe('the checker refuses what it is for (synthetic imports)', () => {
  const rules: Rules = {
    kernel: ['store', 'util'],
    root: ['@handlers'],
    layers: [['settings'], ['students', 'accounts'], ['crisis']],
    publicModules: { students: ['scope'] },
    kernelUses: [['store/unit-of-work', 'settings/settings-service']],
  };

  it('allows imports down to a public module, to the kernel, inside a folder, and from the root', () => {
    const fine: Edge[] = [
      { from: 'crisis/event-service', to: 'students/scope' },
      { from: 'crisis/event-service', to: 'students/student-service' },
      { from: 'crisis/crisis-handlers', to: 'settings/settings-service' },
      { from: 'students/student-service', to: 'store/unit-of-work' },
      { from: 'crisis/event-service', to: 'crisis/timers' },
      { from: 'handlers', to: 'crisis/crisis-handlers' },
      { from: 'store/unit-of-work', to: 'settings/settings-service' },
    ];
    expect(violations(fine, rules)).toEqual([]);
    expect(domainCycles(fine, rules)).toEqual([]);
  });

  it('refuses an upward import', () => {
    expect(violations([{ from: 'students/student-service', to: 'crisis/event-service' }], rules)).toEqual([
      'students/student-service -> crisis/event-service: students (layer 1) imports crisis (layer 2), not a lower layer',
    ]);
  });

  it('refuses an import within one layer', () => {
    expect(violations([{ from: 'students/scope', to: 'accounts/account-service' }], rules)).toHaveLength(1);
  });

  it('refuses a cycle, both as a layer break and as a cycle', () => {
    const cycle: Edge[] = [
      { from: 'crisis/event-service', to: 'students/student-service' },
      { from: 'students/student-service', to: 'crisis/event-service' },
    ];
    expect(violations(cycle, rules)).toHaveLength(1);
    expect(domainCycles(cycle, rules)).toEqual([['crisis', 'students']]);
  });

  it("refuses another domain's own module, a domain in no layer, the kernel importing a domain, and a domain importing the root", () => {
    expect(
      violations(
        [
          { from: 'crisis/event-service', to: 'students/pinyin' },
          { from: 'newthing/x', to: 'settings/settings-service' },
          { from: 'util/clock', to: 'students/student-service' },
          { from: 'crisis/event-service', to: 'handlers' },
        ],
        rules,
      ),
    ).toEqual([
      'crisis/event-service -> students/pinyin: not a public module of students',
      'newthing/x -> settings/settings-service: newthing is in no layer of src-main/core/layers.ts',
      'util/clock -> students/student-service: the kernel imports a domain',
      'crisis/event-service -> handlers: imports the composition root',
    ]);
  });
});

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Bench code bundled as the app ships its core: one JavaScript module per entry plus the core's
 * threads (`core-worker.js` and the others beside them, where the core looks for them), package dependencies left
 * in node_modules as electron-builder ships them. A child run from source under tsx also holds
 * the TypeScript transpiler and every module's source map (about 115 MB more per thread, measured
 * 2026-12-06), which the app never carries; memory figures are the app's only when run like this.
 * Written under node_modules/.cache so that the bundle's bare imports resolve to the project's
 * packages.
 */
export async function bundleForBench(entries: Record<string, string>): Promise<string> {
  const outDir = join(REPO_ROOT, 'node_modules', '.cache', 'counsel-bench');
  mkdirSync(dirname(outDir), { recursive: true });
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: REPO_ROOT,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      target: 'node20',
      rolldownOptions: {
        // The core's threads, as electron.vite.config.ts builds them beside the core.
        input: {
          ...entries,
          'core-worker': join(REPO_ROOT, 'src-main/core/worker/core-worker.ts'),
          'audit-walk-worker': join(REPO_ROOT, 'src-main/core/backup/audit-walk-worker.ts'),
          'checkpoint-worker': join(REPO_ROOT, 'src-main/core/store/checkpoint-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
  return outDir;
}

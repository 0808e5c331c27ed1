import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type RendererViteConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CHANNEL_NAMES, EVENT_NAMES } from './src-shared/contract/channels';
import { rendererConfig } from './vite.renderer.config';

/**
 * electron-vite build of the desktop app:
 *   out/main/index.js        Electron main (src-main/electron/main.ts)
 *   out/main/core-worker.js  the core worker thread, beside the main bundle (plain Node, no electron)
 *   out/main/audit-walk-worker.js  the audit chain walk's second thread (a backup verification, a restore)
 *   out/main/checkpoint-worker.js  a long import's WAL checkpoint, off the core's thread
 *   out/main/chunks/*.js     code shared by the two (the contract)
 *   out/preload/index.cjs    sandboxed preload: ONE small CommonJS file, no runtime imports but `electron`
 *   out/renderer/            the React app, built from the renderer's own vite.renderer.config.ts
 * Package dependencies stay external (electron-builder ships them in node_modules); the native
 * better-sqlite3 (an alias of better-sqlite3-multiple-ciphers) must never be bundled.
 */
const root = dirname(fileURLToPath(import.meta.url));
const fromRoot = (...parts: string[]) => resolve(root, ...parts);
const NATIVE_EXTERNAL = [/^better-sqlite3(\/.*)?$/, /^better-sqlite3-multiple-ciphers(\/.*)?$/];

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: {
        input: {
          index: fromRoot('src-main/electron/main.ts'),
          'core-worker': fromRoot('src-main/core/worker/core-worker.ts'),
          // A backup verification's second thread for the audit chain (backup/audit-walk.ts looks for it beside the core).
          'audit-walk-worker': fromRoot('src-main/core/backup/audit-walk-worker.ts'),
          // A long import's WAL checkpoint (store/background-checkpoint.ts looks for it beside the core).
          'checkpoint-worker': fromRoot('src-main/core/store/checkpoint-worker.ts'),
        },
        external: NATIVE_EXTERNAL,
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    plugins: [contractNamesOnly()],
    build: {
      outDir: fromRoot('out/preload'),
      emptyOutDir: true,
      sourcemap: false,
      // Everything is bundled in: a sandboxed preload can only require('electron').
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('src-main/electron/preload.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: electronRenderer(),
});

/**
 * The preload needs only the channel and event NAMES. In its build, the contract module is
 * replaced by those two lists, read from the real contract when this config loads, so neither
 * zod nor the schemas end up in the privileged preload (a few kB instead of hundreds).
 * Importing anything else from that module in the preload fails the build, on purpose.
 */
function contractNamesOnly(): Plugin {
  const contract = fromRoot('src-shared/contract/channels.ts').replace(/\\/g, '/');
  return {
    name: 'counsel:preload-contract-names-only',
    enforce: 'pre',
    load(id) {
      if (id.split('?')[0].replace(/\\/g, '/') !== contract) return null;
      return [`export const CHANNEL_NAMES = ${JSON.stringify(CHANNEL_NAMES)};`, `export const EVENT_NAMES = ${JSON.stringify(EVENT_NAMES)};`].join('\n');
    },
  };
}

/**
 * The renderer is built exactly as the browser shell builds it, from vite.renderer.config.ts
 * (root src-renderer, outDir out/renderer, base './'). electron-vite's renderer preset turns
 * `envDir: false` into the project folder; the last plugin puts it back so no .env file is read
 * into the bundle.
 */
function electronRenderer(): RendererViteConfig {
  const rendererRoot = rendererConfig.root ?? fromRoot('src-renderer');
  const envDir = rendererConfig.envDir;
  const keepEnvDir: Plugin = {
    name: 'counsel:keep-renderer-env-dir',
    config(config) {
      if (envDir !== undefined) config.envDir = envDir;
    },
  };
  return {
    ...(rendererConfig as RendererViteConfig),
    root: rendererRoot,
    base: './',
    plugins: [...(rendererConfig.plugins ?? []), keepEnvDir],
    build: {
      ...(rendererConfig.build as RendererViteConfig['build']),
      outDir: rendererConfig.build?.outDir ?? fromRoot('out/renderer'),
      // electron-vite does not minify by default; match the plain vite build the browser shell serves.
      minify: rendererConfig.build?.minify ?? true,
      rolldownOptions: { ...rendererConfig.build?.rolldownOptions, input: resolve(rendererRoot, 'index.html') },
    },
  };
}

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const RENDERER_ROOT = here('./src-renderer');
export const RENDERER_OUT_DIR = here('./out/renderer');

/**
 * The renderer build, shared by `vite build --config vite.renderer.config.ts`, the browser shell
 * and the Electron build (which imports `rendererConfig` for its renderer section).
 * `base: './'` so the files load from any origin (app://, https://counsel.invalid/, file:).
 */
export const rendererConfig: UserConfig = {
  root: RENDERER_ROOT,
  base: './',
  plugins: [react()],
  // No `.env` files are read into the bundle.
  envDir: false,
  publicDir: false,
  build: {
    outDir: RENDERER_OUT_DIR,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // Local chunks only: the lock screen's script first, each screen when its route opens (issue 19).
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Modules run in the order they are imported, as in one bundle: src-renderer/zod-config.ts
        // must run before any zod schema is built, even one in a shared chunk (otherwise zod's eval
        // probe is a CSP violation).
        strictExecutionOrder: true,
      },
    },
  },
  server: { port: 5174, strictPort: true },
};

export default defineConfig(rendererConfig);

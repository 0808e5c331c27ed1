import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const SCHOOL_WEB_ROOT = here('./src-renderer/school-web');
export const SCHOOL_WEB_OUT_DIR = here('./out/school-web');

/**
 * The school server's pages (src-renderer/school-web): React + antd like the workstation's
 * renderer, built to static files that `school-server serve` hands out beside its JSON API.
 */
export const schoolWebConfig: UserConfig = {
  root: SCHOOL_WEB_ROOT,
  base: './',
  plugins: [react()],
  envDir: false,
  publicDir: false,
  build: {
    outDir: SCHOOL_WEB_OUT_DIR,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
};

export default defineConfig(schoolWebConfig);

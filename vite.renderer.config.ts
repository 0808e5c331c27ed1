import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, runnerImport, type Plugin, type UserConfig } from 'vite';
import { LANGUAGE_BOOT_SCRIPT } from './src-shared/csp';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const RENDERER_ROOT = here('./src-renderer');
export const RENDERER_OUT_DIR = here('./out/renderer');

const BUILD_TARGET = 'chrome120';
const ROOT_PLACEHOLDER = '<div id="root"></div>';
const CHARSET = /<meta charset="UTF-8"\s*\/?>/i;
/** The entry's styles as Vite links them ("./assets/…css"). */
const STYLESHEET = /<link rel="stylesheet"[^>]*href="\.\/([^"]+\.css)"[^>]*>/g;
/** The app's module script and its preloads as Vite puts them into <head>. */
const APP_SCRIPTS = /\s*<script type="module"[^>]*><\/script>|\s*<link rel="modulepreload"[^>]*>/g;

/**
 * Start-up (issue 19 goal 4): the built index.html holds the lock screen itself, rendered here with
 * react-dom/server in both languages (src-renderer/lock/prerender.tsx), its styles, the one inline
 * script the CSP allows (src-shared/csp.ts: it marks the remembered language, whose copy is then the
 * one painted) and a tiny script (src-renderer/lock/page-early.ts) that keeps the form from being
 * sent before React runs. The password field is usable once the page is parsed; main.tsx then
 * hydrates the copy shown. The dev server serves the page as written.
 */
function prerenderLockScreen(): Plugin {
  let markup = '';
  let earlyScript = '';
  return {
    name: 'counsel:prerender-lock-screen',
    apply: 'build',
    async buildStart() {
      const version = (JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string }).version;
      const { module } = await runnerImport<typeof import('./src-renderer/lock/prerender')>(here('./src-renderer/lock/prerender.tsx'), {
        logLevel: 'silent',
        oxc: { jsx: { runtime: 'automatic' } },
      });
      markup = module.prerenderLockScreens(version);
      const early = await build({
        configFile: false,
        logLevel: 'silent',
        envDir: false,
        publicDir: false,
        build: {
          write: false,
          target: BUILD_TARGET,
          lib: { entry: here('./src-renderer/lock/page-early-entry.ts'), formats: ['iife'], name: 'counselPageEarly' },
        },
      });
      const outputs = (Array.isArray(early) ? early : [early]).flatMap((result) => ('output' in result ? result.output : []));
      const code = outputs.flatMap((output) => (output.type === 'chunk' ? [output.code] : []))[0];
      if (!code) throw new Error('page-early: nothing was built');
      earlyScript = `assets/page-early-${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName: earlyScript, source: code });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!html.includes(ROOT_PLACEHOLDER)) throw new Error(`index.html has no ${ROOT_PLACEHOLDER} to prerender the lock screen into`);
        if (!CHARSET.test(html)) throw new Error('index.html has no <meta charset> to put the page-early script after');
        // Nothing fetched stands between the page and its first paint: the styles are in the page, the
        // language is marked inline, the scripts are not waited for (page-early is tiny and runs as
        // soon as it arrives; the app's script and its preloads come after the lock screen's markup).
        const inlined = html.replace(STYLESHEET, (link: string, file: string) => {
          const asset = context.bundle?.[file];
          const css = asset?.type === 'asset' ? String(asset.source) : null;
          if (css === null || /<\/style/i.test(css)) throw new Error(`${file}: cannot put these styles into index.html`);
          // The link stays, disabled (never fetched): Vite's preloading of a lazy route's styles looks
          // for it, and would otherwise load the same styles a second time.
          return `<style>${css}</style>\n    ${link.replace(/>$/, ' disabled>')}`;
        });
        const scripts: string[] = [];
        const withoutScripts = inlined.replace(APP_SCRIPTS, (tag: string) => {
          scripts.push(tag.trim());
          return '';
        });
        const early = `<script>${LANGUAGE_BOOT_SCRIPT}</script>\n    <script async src="./${earlyScript}"></script>`;
        return withoutScripts.replace(CHARSET, (meta) => `${meta}\n    ${early}`).replace(ROOT_PLACEHOLDER, () => `${markup}\n    ${scripts.join('\n    ')}`);
      },
    },
  };
}

/**
 * The renderer build, shared by `vite build --config vite.renderer.config.ts`, the browser shell
 * and the Electron build (which imports `rendererConfig` for its renderer section).
 * `base: './'` so the files load from any origin (app://, https://counsel.invalid/, file:).
 */
export const rendererConfig: UserConfig = {
  root: RENDERER_ROOT,
  base: './',
  plugins: [react(), prerenderLockScreen()],
  // No `.env` files are read into the bundle.
  envDir: false,
  publicDir: false,
  build: {
    outDir: RENDERER_OUT_DIR,
    emptyOutDir: true,
    target: BUILD_TARGET,
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

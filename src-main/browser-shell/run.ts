import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, defaultProfileDir, rendererIsFresh, startBrowserShell } from './shell';

/**
 * `npm run start:browser [-- --data-dir D] [--headless] [--no-build]`: the workstation in Chromium,
 * for machines without an Electron binary and for the end-to-end tests.
 */
const USAGE = `Usage: npm run start:browser -- [--data-dir DIR] [--headless] [--no-build]
  --data-dir DIR   data folder (default: $COUNSEL_DATA_DIR, else ${defaultDataDir()})
  --headless       no window, even when a display is available
  --no-build       use out/renderer as it is (it is built anyway when missing)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      headless: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  const headless = values.headless || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  let build = !values['no-build'];
  if (!build && !rendererIsFresh()) {
    console.warn('out/renderer is missing or older than the sources: building it anyway.');
    build = true;
  }

  console.log(`数据目录 / data folder: ${dataDir}`);
  const shell = await startBrowserShell({
    dataDir,
    headless,
    build,
    // Keeps the language choice (localStorage) between runs; holds no records.
    profileDir: defaultProfileDir(),
    log: (line) => console.log(`[shell] ${line}`),
  });
  if (headless && !values.headless) {
    // No display: say in one line why no window opened and how to get one.
    console.log(
      '[shell] no display here (DISPLAY/WAYLAND_DISPLAY unset): the browser shell runs headless, with no window. To see it, set DISPLAY, or run `npm run start:browser` on a desktop. Ctrl+C stops it.',
    );
  } else {
    console.log(headless ? '[shell] running headless; press Ctrl+C to stop.' : '[shell] close the window or press Ctrl+C to stop.');
  }

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    await shell.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  shell.page.on('close', () => void stop(0));
  shell.context.on('close', () => void stop(0));
  shell.browser?.on('disconnected', () => void stop(0));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

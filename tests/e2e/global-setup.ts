import { buildRenderer } from '../../src-main/browser-shell/shell';

/** Build the renderer once for the whole run; each test then starts the shell with `build: false`. */
export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  await buildRenderer();
}

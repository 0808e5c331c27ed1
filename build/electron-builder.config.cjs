// electron-builder configuration: `npm run dist` (installers for this platform) and
// `npm run dist:test` (a test build that keeps the inspector fuse on, because Playwright's
// `_electron.launch` attaches through it). Installers need Electron's download, which works on
// normal machines but not on the offline build machines: see README.
//
// Fuses are flipped in the packaged binary itself, so a copied installer cannot be talked into
// running as plain Node or loading code from outside the integrity-checked app.asar.
const testBuild = process.env.COUNSEL_TEST_BUILD === '1';

/**
 * `electron` is an optional dependency (so `npm install` succeeds where its binary cannot be
 * downloaded, see scripts/postinstall.mjs), so electron-builder is told its version rather than
 * looking for it in devDependencies: the one the lockfile pins.
 */
function electronVersion() {
  const { readFileSync } = require('node:fs');
  const { join } = require('node:path');
  const lock = JSON.parse(readFileSync(join(__dirname, '..', 'package-lock.json'), 'utf8'));
  return lock.packages['node_modules/electron'].version;
}

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'cn.edu.school.counsel-workstation',
  productName: '心理辅导与危机干预工作台',
  electronVersion: electronVersion(),
  executableName: 'counsel-workstation',
  copyright: 'School counseling center',
  directories: { output: testBuild ? 'dist-test' : 'dist', buildResources: 'build' },
  // Only the built app: the sources, the browser shell (a development and test host that serves
  // the UI over loopback), tests, benchmarks and docs never ship.
  files: [
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'package.json',
    '!**/*.map',
    '!tests/**',
    '!bench/**',
    '!src-main/**',
    '!src-renderer/**',
    '!src-shared/**',
    '!**/browser-shell/**',
    '!docs/**',
    // An optional dependency is a production one to electron-builder: never ship the Electron
    // package (and its downloaded binary) inside the app it already is.
    '!node_modules/electron/**',
  ],
  asar: true,
  // Native modules cannot be loaded from inside the asar archive.
  asarUnpack: ['**/*.node', 'node_modules/better-sqlite3/**'],
  // better-sqlite3 is rebuilt for the packaged Electron's ABI (the alias of the cipher build).
  npmRebuild: true,
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: testBuild,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
  },
  nsis: {
    // Counselors share office workstations: one install for every Windows account, by IT.
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['zh_CN'],
    language: '2052',
    unicode: true,
    shortcutName: '心理辅导与危机干预工作台',
    createDesktopShortcut: true,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    maintainer: 'School counseling center IT <it@school.invalid>',
    synopsis: 'Offline counseling and crisis-intervention workstation',
  },
  deb: {
    // The tests and the CLI need nothing extra; the desktop app needs the usual GTK/NSS stack.
    depends: ['libgtk-3-0', 'libnss3', 'libxss1', 'libasound2'],
  },
  publish: null,
};

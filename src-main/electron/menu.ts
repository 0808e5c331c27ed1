import type { MenuItemConstructorOptions } from 'electron';

export type MenuLocale = 'zh-CN' | 'en';

const LABELS = {
  'zh-CN': {
    file: '文件',
    lock: '锁定',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '全屏',
    help: '帮助',
    about: '关于',
  },
  en: {
    file: 'File',
    lock: 'Lock',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    help: 'Help',
    about: 'About',
  },
} as const satisfies Record<MenuLocale, Record<string, string>>;

export interface MenuActions {
  lock(): void;
  about(): void;
}

export interface MenuOptions {
  locale: MenuLocale;
  /** Production builds get no reload and no DevTools entries. */
  production: boolean;
  /** macOS puts the application menu first. */
  mac?: boolean;
}

/** zh-CN unless COUNSEL_LOCALE asks for English. */
export function menuLocale(value: string | undefined): MenuLocale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/**
 * The application menu as a template (pure: only electron types), so labels, accelerators and
 * the production rules are unit-tested. Ctrl+L locks; there is no entry that opens anything outside.
 */
export function menuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[options.locale];
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: t.resetZoom },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: t.fullScreen },
  ];
  if (!options.production) {
    view.unshift({ role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devTools }, { type: 'separator' });
  }
  const template: MenuItemConstructorOptions[] = [
    {
      label: t.file,
      submenu: [
        { id: 'lock', label: t.lock, accelerator: 'CmdOrCtrl+L', click: () => actions.lock() },
        { type: 'separator' },
        { role: 'quit', label: t.quit, accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.help,
      submenu: [{ id: 'about', label: t.about, click: () => actions.about() }],
    },
  ];
  if (options.mac) template.unshift({ role: 'appMenu' });
  return template;
}

export function aboutText(locale: MenuLocale, productName: string, version: string) {
  return locale === 'en'
    ? { title: 'About', message: productName, detail: `Version ${version}`, buttons: ['OK'] }
    : { title: '关于', message: productName, detail: `版本 ${version}`, buttons: ['确定'] };
}

export function startFailureText(locale: MenuLocale): { title: string; detail: string } {
  return locale === 'en'
    ? { title: 'The workstation could not start', detail: 'The data service did not start. Please contact the administrator.' }
    : { title: '工作台无法启动', detail: '数据服务未能启动，请联系管理员。' };
}

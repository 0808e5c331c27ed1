import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutText, menuLocale, menuTemplate } from '../../../src-main/electron/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe('application menu', () => {
  const actions = () => ({ lock: vi.fn(), about: vi.fn() });

  it('is in Chinese by default with 文件 / 视图 / 帮助', () => {
    const template = menuTemplate(actions(), { locale: menuLocale(undefined), production: true });
    const labels = template.map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['文件', '视图', '帮助']));
    const all = flatten(template);
    expect(all.find((item) => item.id === 'lock')?.label).toBe('锁定');
    expect(all.find((item) => item.role === 'quit')?.label).toBe('退出');
    expect(all.find((item) => item.id === 'about')?.label).toBe('关于');
  });

  it('locks on Ctrl+L through the lock action', () => {
    const a = actions();
    const lock = flatten(menuTemplate(a, { locale: 'zh-CN', production: true })).find((item) => item.id === 'lock');
    expect(lock?.accelerator).toBe('CmdOrCtrl+L');
    (lock?.click as () => void)();
    expect(a.lock).toHaveBeenCalledTimes(1);
  });

  it('has no DevTools or reload in production, and has them in development', () => {
    const roles = (production: boolean) => flatten(menuTemplate(actions(), { locale: 'zh-CN', production })).map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('switches to English only when asked', () => {
    expect(menuLocale('en-US')).toBe('en');
    expect(menuLocale('zh-CN')).toBe('zh-CN');
    expect(menuLocale('')).toBe('zh-CN');
    expect(menuTemplate(actions(), { locale: 'en', production: true })[0].label).toBe('File');
    expect(aboutText('zh-CN', '工作台', '1.2.3')).toMatchObject({ title: '关于', detail: '版本 1.2.3' });
  });

  it('puts the application menu first on macOS only', () => {
    expect(menuTemplate(actions(), { locale: 'zh-CN', production: true, mac: true })[0].role).toBe('appMenu');
    expect(menuTemplate(actions(), { locale: 'zh-CN', production: true })[0].label).toBe('文件');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src-shared/contract';
import { DEFAULT_CRISIS_LEVELS } from '../../src-shared/contract/crisis';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

type Template = ChannelOutput<'crisis.templates'>[number];

const DIRECTOR = session({ accountId: 'acc-9', username: 'zhao.zhuren', displayName: '赵主任', roles: ['director'] });
const V1: Template = {
  id: 'tpl-1',
  version: 1,
  name: '默认危机干预流程',
  definition: { steps: [{ key: 'discovery', title: '发现', ownerRole: 'counselor', dueMinutes: 0, levels: [] }] },
  createdBy: null,
  createdAt: '2026-09-01T08:00:00.000Z',
};

function core(roles = DIRECTOR) {
  const templates: Template[] = [V1];
  return installFakeBridge({
    'app.status': () => status.signedIn(roles),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'crisis.levels': () => DEFAULT_CRISIS_LEVELS,
    'crisis.templates': () => [...templates].reverse(),
    'crisis.saveTemplate': ({ definition }) => {
      const saved = { ...V1, id: `tpl-${templates.length + 1}`, version: templates.length + 1, definition };
      templates.push(saved);
      return saved;
    },
  });
}

afterEach(() => {
  window.location.hash = '';
});

describe('crisis settings', () => {
  it('saving the template creates a new version and shows its number', async () => {
    const fake = core();
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/settings';
    await renderApp();
    const card = within(await screen.findByTestId('crisis-template-settings'));
    expect(card.getByTestId('crisis-template-version').textContent).toBe('当前版本：第 1 版');
    await user.click(card.getByRole('button', { name: /添加步骤/ }));
    const titles = card.getAllByLabelText('步骤');
    await user.click(titles[1]);
    await user.paste('个案研讨（合成）');
    await user.click(card.getByRole('button', { name: '保存为新版本' }));
    await waitFor(() => expect(fake.callsTo('crisis.saveTemplate')).toHaveLength(1));
    expect(fake.callsTo('crisis.saveTemplate')[0]).toEqual({
      definition: {
        steps: [V1.definition.steps[0], { key: 'step_2', title: '个案研讨（合成）', ownerRole: 'counselor', dueMinutes: null, levels: [] }],
        // A template without a grace shows and saves the default of 15 minutes.
        discoveryGraceMinutes: 15,
      },
    });
    await waitFor(() => expect(card.getByTestId('crisis-template-version').textContent).toBe('当前版本：第 2 版'));
  });

  it('the grace of 发现即办 steps is edited with the template (issue 14 item 5)', async () => {
    const fake = core();
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/settings';
    await renderApp();
    const card = within(await screen.findByTestId('crisis-template-settings'));
    const grace = card.getByLabelText('“发现即办”步骤的宽限（分钟）') as HTMLInputElement;
    expect(grace.value).toBe('15');
    await user.clear(grace);
    await user.type(grace, '5');
    await user.click(card.getByRole('button', { name: '保存为新版本' }));
    await waitFor(() => expect(fake.callsTo('crisis.saveTemplate')).toHaveLength(1));
    expect(fake.callsTo('crisis.saveTemplate')[0]).toEqual({ definition: { steps: V1.definition.steps, discoveryGraceMinutes: 5 } });
  });

  it('is not shown without crisis.configure', async () => {
    const fake = core(session({ roles: ['admin'], displayName: '管理员' }));
    window.location.hash = '#/settings';
    await renderApp();
    // The page itself is there (the language section), without the crisis sections.
    expect(await screen.findByText('界面语言')).toBeTruthy();
    expect(screen.queryByTestId('crisis-template-settings')).toBeNull();
    expect(screen.queryByTestId('crisis-levels-settings')).toBeNull();
    expect(fake.callsTo('crisis.templates')).toEqual([]);
  });
});

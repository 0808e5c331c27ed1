import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { lazy, Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../../src-renderer/api/queries';
import { AlertsPanel } from '../../src-renderer/components/AlertsPanel';
import { requestAlertsFocus } from '../../src-renderer/components/assessments/criticalResultHandoff';
import { setLanguage } from '../../src-renderer/i18n';
import { SessionContext } from '../../src-renderer/session';
import { criticalAlert } from '../support/alert-fakes';
import { installFakeBridge, session } from './fake-bridge';

const DIRECTOR = session({ accountId: 'acc-9', username: 'zhao.zhuren', displayName: '赵主任', roles: ['director'] });
const API = { session: DIRECTOR, lock: async () => undefined, updateSession: () => undefined, enterStudentMode: () => undefined };

/** Another page whose code never finishes loading: the workbench stays mounted, hidden by Suspense. */
const StillLoading = lazy(() => new Promise<never>(() => undefined));

function Main({ route }: { route: 'workbench' | 'settings' }) {
  return (
    <QueryClientProvider client={client}>
      <AntApp>
        <SessionContext.Provider value={API}>
          <Suspense fallback={<p>正在加载…</p>}>{route === 'workbench' ? <AlertsPanel onNavigate={() => undefined} /> : <StillLoading />}</Suspense>
        </SessionContext.Provider>
      </AntApp>
    </QueryClientProvider>
  );
}

let client = createQueryClient();

/**
 * The header's alert count clicked while another page's code still loads (a race the browser
 * journey hit in 2 runs of 6): the alert list is hidden by Suspense then, not gone, and still hears
 * the request. It must keep it for when it is shown again, not spend it on a list it cannot focus.
 */
describe('the alert list takes the focus the header count asked for', () => {
  it('when the count was clicked while the list was hidden by a page still loading', async () => {
    await setLanguage('zh-CN');
    client = createQueryClient();
    installFakeBridge({
      'alerts.list': () => [criticalAlert({ id: 'al-1', student: { id: 'st-1', studentNo: '2026000001', name: '示例同学' }, level: 'URGENT' })],
    });
    const { rerender } = render(<Main route="workbench" />);
    const panel = await screen.findByTestId('alerts-panel');
    await waitFor(() => expect(panel.getAttribute('data-urgent')).toBe('true'));

    // Settings opened: its code loads, the workbench is hidden meanwhile.
    rerender(<Main route="settings" />);
    await screen.findByText('正在加载…');
    expect(document.activeElement).not.toBe(panel);

    // The count is clicked now: back to the workbench, focus on the list.
    act(() => requestAlertsFocus());
    rerender(<Main route="workbench" />);
    await waitFor(() => expect(screen.queryByText('正在加载…')).toBeNull());
    expect(screen.getByTestId('alerts-panel')).toBe(panel);
    await waitFor(() => expect(document.activeElement).toBe(panel));
  });

  it('once, and at once when the list is already shown', async () => {
    await setLanguage('zh-CN');
    client = createQueryClient();
    installFakeBridge({ 'alerts.list': () => [] });
    render(<Main route="workbench" />);
    const panel = await screen.findByTestId('alerts-panel');
    act(() => requestAlertsFocus());
    expect(document.activeElement).toBe(panel);
    // Spent: a later mount does not take the focus again.
    act(() => (document.activeElement as HTMLElement).blur());
    render(<Main route="workbench" />);
    await waitFor(() => expect(screen.getAllByTestId('alerts-panel')).toHaveLength(2));
    expect(document.activeElement).toBe(document.body);
  });
});

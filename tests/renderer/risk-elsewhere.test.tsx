import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../src-shared/contract';
import type { RiskElsewhere } from '../../src-shared/contract/sync';
import { FACETS, fullStudent, listItem, searchHandler } from '../support/student-fakes';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

/** jsdom has no layout: give the list's scroller a height so the virtualizer has a window to fill. */
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset?.testid === 'student-grid-scroller' ? 480 : 0;
    },
  });
  if (!HTMLElement.prototype.scrollTo) HTMLElement.prototype.scrollTo = function scrollTo() {};
});
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});

const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });
const student = fullStudent(0);
const other = listItem(1);

const AT_RISK: RiskElsewhere[] = [
  { studentNo: student.studentNo, workstationId: 'ws-2', workstationName: '2 号工作站', level: '1', keyAttention: true, eventOpen: false, counselor: '王老师' },
  { studentNo: student.studentNo, workstationId: 'ws-3', workstationName: null, level: '2', keyAttention: false, eventOpen: true, counselor: null },
];

/** A counselor's workstation whose latest risk digest names the first synthetic student on two other workstations. */
function workstation() {
  return installFakeBridge({
    'app.status': () => status.signedIn(COUNSELOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.search': searchHandler(40),
    'students.facets': () => FACETS,
    'students.get': () => student,
    'students.timeline': () => [],
    'sync.riskElsewhere': (input: ChannelInput<'sync.riskElsewhere'>) => ({
      digestCreatedAt: '2026-11-29T10:00:00.000Z',
      entries: AT_RISK.filter((e) => input.studentNos.includes(e.studentNo)),
    }),
    'sync.riskOfMyCases': () => ({
      digestCreatedAt: '2026-11-29T10:00:00.000Z',
      rows: [{ studentId: student.id, studentNo: student.studentNo, name: student.name, entries: AT_RISK }],
    }),
  });
}

describe('students at risk on another workstation (risk digest)', () => {
  it('the student file says where and with whom, in Chinese', async () => {
    workstation();
    window.location.hash = `#/student/${student.id}`;
    await renderApp();
    const banner = await screen.findByTestId('risk-elsewhere-banner');
    expect(banner.textContent).toContain('重点关注（一级）· 在 2 号工作站由 王老师 负责');
    expect(banner.textContent).toContain('危机事件进行中（二级）· 在 工作站 ws-3');
    expect(banner.textContent).toContain('不含原因和内容');
  });

  it('the student file in English', async () => {
    workstation();
    window.location.hash = `#/student/${student.id}`;
    await renderApp('en');
    const banner = await screen.findByTestId('risk-elsewhere-banner');
    expect(banner.textContent).toContain('on 2 号工作站, responsible: 王老师');
    expect(banner.textContent).toContain('Crisis event open');
    expect(banner.textContent).not.toMatch(/riskElsewhere|ws-2\b/);
  });

  it('search results list the rows at risk elsewhere and tag their row; others have no tag', async () => {
    workstation();
    window.location.hash = '#/students';
    await renderApp();
    const results = await screen.findByTestId('risk-elsewhere-results');
    expect(within(results).getByText(student.studentNo)).toBeTruthy();
    expect(results.textContent).toContain('重点关注（一级）· 在 2 号工作站由 王老师 负责');
    const tags = await screen.findAllByTestId('risk-elsewhere-tag');
    expect(tags).toHaveLength(1);
    expect(tags[0].getAttribute('title')).toContain('2 号工作站');
    expect(results.textContent).not.toContain(other.studentNo);
  });

  it('the workbench lists students of our cases at risk elsewhere', async () => {
    workstation();
    window.location.hash = '#/';
    await renderApp();
    const panel = await screen.findByTestId('risk-elsewhere-panel');
    expect(within(panel).getByText(student.name)).toBeTruthy();
    expect(panel.textContent).toContain('在 2 号工作站由 王老师 负责');
  });
});

describe('importing the school server’s return file', () => {
  it('says what was applied and names a gap instead of hiding it', async () => {
    const ADMIN = session();
    installFakeBridge({
      'app.status': () => status.signedIn(ADMIN),
      'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
      'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
      'sync.getConfig': () => ({
        serverRecipient: null,
        serverSigningKeyPem: null,
        folder: null,
        url: null,
        profiles: ['full'],
        schedule: { kind: 'manual', at: null },
        workstation: { workstationId: 'ws-1', publicKeyPem: 'x', fingerprint: 'ab'.repeat(32), fileName: 'ws-1.pem' },
      }),
      'sync.history': () => ({ bundles: [], updates: [] }),
      'sync.status': () => ({
        configured: true,
        schedule: { kind: 'manual', at: null },
        lastAcknowledgedAt: null,
        msSinceAcknowledged: null,
        lastSentAt: null,
        waiting: 0,
      }),
      'sync.importUpdate': () => ({
        bundleId: 'b-1',
        kind: 'inbound',
        rows: 2,
        created: 1,
        updated: 0,
        unchanged: 0,
        rejected: [],
        appliedAt: '2026-11-29T10:00:00.000Z',
        inbound: {
          fromSeq: 4,
          toSeq: 5,
          applied: [4, 5],
          skipped: [],
          superseded: [],
          gaps: [{ fromSeq: 1, toSeq: 3 }],
          reportsCreated: 1,
          digestStored: true,
          digestEntries: 3,
        },
      }),
    });
    window.location.hash = '#/sync';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const receipts = await screen.findByTestId('sync-receipts-card');
    const inputs = receipts.querySelectorAll('input[type="file"]');
    await user.upload(
      inputs[inputs.length - 1] as HTMLInputElement,
      new File(['{"inbound":{},"signature":"x"}'], 'school-server-inbound.json', { type: 'application/json' }),
    );
    expect(await screen.findByText(/新应用 2 条（其中院系上报 1 条，已进入分诊队列）/)).toBeTruthy();
    expect(await screen.findByText(/回传缺少第 1–3 条/)).toBeTruthy();
  });
});

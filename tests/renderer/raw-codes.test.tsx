import { cleanup, configure, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en } from '../../src-renderer/i18n/en';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { FACETS, searchHandler } from '../support/student-fakes';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { renderApp } from './render-app';
import { criticalAlert, type Alert } from '../support/alert-fakes';

configure({ asyncUtilTimeout: 8000 });

/**
 * The renderer shows words, never the machine's: list pages are rendered with fake data in both
 * languages and their visible text is scanned for raw codes (snake_case or UPPER_SNAKE keys,
 * dotted i18n keys left untranslated, UUIDs).
 */
export function rawCodesIn(text: string): string[] {
  const patterns = [
    /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, // snake_case: crisis_board, in_progress
    /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g, // UPPER_SNAKE: PHQ9_ITEM9
    /\b[a-z]+(?:\.[a-z][a-zA-Z]+){2,}\b/g, // an i18n key: assessments.alerts.level
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // UUID
  ];
  return patterns.flatMap((pattern) => text.match(pattern) ?? []);
}

const DIRECTOR = session({ roles: ['director', 'counselor'] });
const STUDENT = { id: 's1', studentNo: '2026100001', name: '测试学生甲', department: '文学院', className: '文学1班' };

const ALERTS: Alert[] = [
  criticalAlert(),
  {
    id: 'al-2',
    student: { id: 'st-2', studentNo: '2026000002', name: '示例同学' },
    source: 'assessment',
    assessmentId: 'as-2',
    reportId: null,
    instrument: 'upi',
    item: 25,
    code: 'UPI_ITEM25',
    level: 'URGENT',
    createdAt: '2026-03-02T02:15:00.000Z',
    acknowledgedBy: null,
    acknowledgedAt: null,
    actionTaken: null,
  },
  {
    id: 'al-3',
    student: { id: 'st-3', studentNo: '2026000003', name: '示例同学乙' },
    source: 'assessment',
    assessmentId: 'as-3',
    reportId: null,
    instrument: 'scl90',
    item: null,
    code: 'SCL90_PSYCHOTICISM',
    level: 'HIGH',
    createdAt: '2026-03-02T02:15:00.000Z',
    acknowledgedBy: null,
    acknowledgedAt: null,
    actionTaken: null,
  },
];

type Entry = ChannelOutput<'keyattention.list'>['rows'][number];
const entry = (id: string, level: string, name: string, overdue = false): Entry => ({
  id,
  student: { ...STUDENT, id: `s-${id}`, name },
  level,
  reason: '测试原因',
  responsible: { counselorId: 'acc-2', departmentCounselor: '测试辅导员', dormWatcher: null, peerCounselor: '测试心理委员' },
  counselor: { id: 'acc-2', displayName: '王老师' },
  cadenceDays: 7,
  nextReviewOn: '2026-09-08',
  lastReviewedAt: null,
  status: 'active',
  source: 'manual',
  overdue,
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
});

function core(extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(DIRECTOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'system.about': () => ({
      version: '0.1.0',
      dataDir: '/tmp/counsel-test',
      schemaVersion: 1,
      encrypted: true,
      cipher: 'chacha20',
      workstationId: 'ws-test-1',
    }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'alerts.list': (input: ChannelInput<'alerts.list'>) => (input.status === 'all' ? ALERTS : ALERTS),
    'students.search': searchHandler(30),
    'students.facets': () => FACETS,
    'keyattention.list': () => ({
      now: '2026-09-10T08:00:00.000Z',
      today: '2026-09-10',
      rows: [entry('e1', '1', '测试学生甲', true), entry('e2', '2', '测试学生乙'), entry('e3', '3', '测试学生丙')],
    }),
    'followups.list': () => ({ now: '2026-09-10T08:00:00.000Z', rows: [] }),
    'calendar.counselors': () => [{ id: 'acc-2', displayName: '王老师' }],
    ...extra,
  });
}

/** Visible text only (not attributes): what a person reads on the page. */
const pageText = () => document.querySelector('main')?.textContent ?? document.body.textContent ?? '';

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
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('the scanner', () => {
  it('finds the raw codes a director must never read', () => {
    expect(rawCodesIn('crisis_board 批次 622b2540-1111-4222-8333-444455556666 PHQ9_ITEM9 assessments.alerts.level')).toEqual([
      'crisis_board',
      'PHQ9_ITEM9',
      'assessments.alerts.level',
      '622b2540-1111-4222-8333-444455556666',
    ]);
    expect(rawCodesIn('PHQ-9 第9题（死亡或自伤念头） 2026-09-10 王老师 Mood self-check')).toEqual([]);
  });
});

describe('flag codes', () => {
  it('every flag code an instrument can raise has a label in both languages (else the raw code shows)', () => {
    const dir = join(process.cwd(), 'src-shared/instruments');
    const codes = new Set<string>();
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const match of text.matchAll(/code: '([A-Z0-9]+_[A-Z0-9_]+)'/g)) codes.add(match[1]);
    }
    expect(codes.size).toBeGreaterThan(15);
    for (const code of codes) {
      expect(zhCN.assessments.flags.labels, code).toHaveProperty(code);
      expect(en.assessments.flags.labels, code).toHaveProperty(code);
    }
  });
});

describe.each(['zh-CN', 'en'] as const)('list pages show no raw codes (%s)', (language) => {
  it.each([
    ['workbench', '#/workbench'],
    ['students', '#/students'],
    ['keyattention', '#/keyattention'],
  ])('%s', async (_name, hash) => {
    core();
    window.location.hash = hash;
    await renderApp(language);
    // Wait until the page's data has arrived.
    if (hash === '#/workbench') await screen.findAllByText(language === 'en' ? /PHQ-9/ : /PHQ-9/);
    if (hash === '#/students') await screen.findAllByText(/2026/);
    if (hash === '#/keyattention') await screen.findByText(/测试学生甲（2026100001）|测试学生甲 \(2026100001\)/);
    expect(rawCodesIn(pageText())).toEqual([]);
  });
});

describe('built-in words in English mode', () => {
  it('default levels read in English; a level the school renamed stays as entered', async () => {
    core({
      'crisis.levels': () => [
        { key: '1', label: '一级', color: 'red', cadenceDays: 7 },
        { key: '2', label: '本校黄色', color: 'gold', cadenceDays: 14 },
        { key: '3', label: '三级', color: 'gold', cadenceDays: 30 },
      ],
    });
    window.location.hash = '#/keyattention';
    await renderApp('en');
    await screen.findByText(/测试学生甲/);
    const tags = await screen.findAllByTestId('ka-level-tag');
    expect(tags.map((tag) => tag.textContent)).toEqual(['Level 1', '本校黄色', 'Level 3']);
  });
});

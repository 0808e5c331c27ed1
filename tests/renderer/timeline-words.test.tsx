import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src-shared/contract';
import { INSTRUMENT_IDS } from '../../src-shared/instruments';
import { definedRuleCodes, FLAG_LABELS } from '../../src-shared/labels/instrument-labels';
import { appointments } from '../../src-main/core/store/schema/calendar';
import { followupTasks, returnAssessments } from '../../src-main/core/store/schema/followups';
import { keyAttentionHistory } from '../../src-main/core/store/schema/keyattention';
import { disclosures } from '../../src-main/core/store/schema/referrals';
import { reports } from '../../src-main/core/store/schema/reports';
import { fullStudent } from '../support/student-fakes';
import { installFakeBridge, session, status } from './fake-bridge';
import { renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

/** Raw codes: snake_case, UPPER_SNAKE, camelCase keys, dotted i18n keys, UUIDs, `i18n:` values. */
function rawCodesIn(text: string): string[] {
  const patterns = [
    /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g,
    /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g,
    /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g,
    /\b[a-z]+(?:\.[a-zA-Z_]+){1,}\b/g,
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    /\bi18n:/g,
    /\b(?:phq9|phqa|gad7|cssrs|scl90|upi|k10|sds|sas)\b/g,
  ];
  return patterns.flatMap((pattern) => text.match(pattern) ?? []);
}

const EV = '0b7f1c2e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
let minute = 0;
/** Distinct times, one minute apart, so the order is checkable. */
const at = () => new Date(Date.UTC(2026, 8, 1, 1, minute++)).toISOString();
const entry = (
  kind: string,
  titleKey: string,
  values: TimelineEntry['values'],
  ref: TimelineEntry['ref'],
  extra: Partial<TimelineEntry> = {},
): TimelineEntry => ({
  at: at(),
  kind,
  titleKey,
  values,
  level: null,
  ref,
  ...extra,
});

/** Every line the core's timeline sources can send, with the values they send (codes included). */
function everyKind(): TimelineEntry[] {
  const out: TimelineEntry[] = [
    entry('student', 'timeline.studentImported', { studentNo: '2026000001' }, { type: 'student', id: 'stu-1' }),
    entry('student', 'timeline.studentAdded', { studentNo: '2026000001' }, { type: 'student', id: 'stu-1' }),
    entry(
      'student',
      'timeline.studentUpdated',
      { fields: 'studentNo,name,gender,birthDate,department,major,grade,className,dorm,phone,departmentCounselor,guardians,status' },
      { type: 'audit', id: '17' },
    ),
    entry('case', 'cases.timeline.opened', { caseNo: 'GA-2026-0001' }, { type: 'case', id: 'c-1' }),
    entry('case', 'cases.timeline.closed', { caseNo: 'GA-2026-0001' }, { type: 'case', id: 'c-1' }),
    entry(
      'note',
      'notes.timeline.session',
      { caseNo: 'GA-2026-0001', minutes: 50 },
      { type: 'case', id: 'c-1' },
      { recordedAt: new Date(Date.UTC(2026, 8, 2, 9, 0)).toISOString() },
    ),
    entry('crisis', 'crisis.timeline.opened', { eventNo: 'CR-2026-0001', level: '1' }, { type: 'crisisEvent', id: EV }, { level: 'CRITICAL' }),
    entry('crisis', 'crisis.timeline.closed', { eventNo: 'CR-2026-0001', level: '1' }, { type: 'crisisEvent', id: EV }),
    entry('followup', 'followups.timeline.leave', { startedOn: '2026-09-01' }, { type: 'leave', id: 'l-1' }),
    entry('group', 'groups.timeline.groupJoined', { group: '新生适应小组' }, { type: 'group', id: 'g-1' }),
    entry('group', 'groups.timeline.groupLeft', { group: '新生适应小组' }, { type: 'group', id: 'g-1' }),
    entry('group', 'groups.timeline.groupAttended', { group: '新生适应小组', number: 3 }, { type: 'group', id: 'g-1' }),
    entry(
      'referral',
      'referrals.timeline.referral',
      { hospital: '市精神卫生中心', date: '2026-09-02' },
      { type: 'referral', id: 'r-1' },
      { link: { type: 'crisisEvent', id: EV } },
    ),
    entry('safety_plan', 'referrals.timeline.safetyPlan', { version: 2 }, { type: 'safety_plan', id: 'sp-1' }, { link: { type: 'crisisEvent', id: EV } }),
    entry('report', 'reports.timeline.takenToIntake', {}, { type: 'report', id: 'rp-1' }),
    entry('report', 'reports.timeline.closed', {}, { type: 'report', id: 'rp-1' }),
  ];
  for (const instrument of INSTRUMENT_IDS) {
    out.push(entry('assessment', 'timeline.assessmentCompleted', { instrument, total: 12, band: 'mild' }, { type: 'assessment', id: `as-${instrument}` }));
    out.push(entry('assessment', 'timeline.assessmentStarted', { instrument, total: null, band: null }, { type: 'assessment', id: `as-${instrument}` }));
  }
  for (const code of [...new Set([...definedRuleCodes(), ...Object.keys(FLAG_LABELS)])]) {
    out.push(
      entry(
        'alert',
        'timeline.alertRaised',
        { code, item: code === 'CSSRS_SKIP_VIOLATION' ? 4 : null },
        { type: 'alert', id: `al-${code}` },
        { level: 'URGENT', link: { type: 'assessment', id: 'as-phq9' } },
      ),
    );
    out.push(entry('alert', 'timeline.alertAcknowledged', { code, item: null }, { type: 'alert', id: `al-${code}` }));
  }
  for (const kind of appointments.kind.enumValues)
    for (const status of appointments.status.enumValues)
      out.push(
        entry(
          'appointment',
          'calendar.timeline.appointment',
          { kind: `i18n:calendar.kinds.${kind}`, status: `i18n:calendar.statuses.${status}` },
          { type: 'appointment', id: 'ap-1' },
        ),
      );
  for (const outcome of returnAssessments.outcome.enumValues)
    out.push(entry('followup', 'followups.timeline.returnAssessed', { outcome: `i18n:followups.outcomes.${outcome}` }, { type: 'leave', id: 'l-1' }));
  for (const source of followupTasks.source.enumValues)
    out.push(entry('followup', 'followups.timeline.taskDone', { source: `i18n:followups.sources.${source}` }, { type: 'followup', id: 'f-1' }));
  for (const kind of keyAttentionHistory.kind.enumValues)
    out.push(
      entry(
        'keyattention',
        `keyattention.timeline.${kind}`,
        { fromLevel: kind === 'added' ? null : '一级', toLevel: '二级' },
        { type: 'keyattention', id: 'ka-1' },
      ),
    );
  for (const trigger of disclosures.trigger.enumValues)
    for (const status of disclosures.status.enumValues)
      out.push(
        entry(
          'disclosure',
          'referrals.timeline.disclosure',
          { trigger: `i18n:referrals.triggers.${trigger}`, status: `i18n:referrals.disclosureStatus.${status}` },
          { type: 'disclosure', id: 'd-1' },
        ),
      );
  for (const urgency of reports.urgency.enumValues) out.push(entry('report', `reports.timeline.filed_${urgency}`, {}, { type: 'report', id: 'rp-1' }));
  // The core sends them newest first.
  return out.sort((a, b) => (a.at < b.at ? 1 : -1));
}

/** The title keys the core's timeline sources write (literal ones), to check this test covers them all. */
function keysInCore(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('timeline.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/titleKey:?\s*'([a-zA-Z_.]+)'/g)) keys.add(m[1]!);
    }
  };
  walk(join(__dirname, '../../src-main/core'));
  return keys;
}

async function renderTimeline(language: 'zh-CN' | 'en', entries: TimelineEntry[]) {
  const student = fullStudent(0);
  window.location.hash = `#/student/${student.id}`;
  installFakeBridge({
    'app.status': () => status.signedIn(session()),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.get': () => student,
    'students.timeline': () => entries,
  });
  const user = userEvent.setup({ delay: null });
  const rendered = await renderApp(language);
  await user.click(await screen.findByRole('tab', { name: language === 'en' ? /Timeline/ : '时间线' }));
  await waitFor(() => expect(screen.getAllByTestId('timeline-entry')).toHaveLength(entries.length));
  return rendered;
}

describe('student file timeline: every entry kind reads in words and links to its record', () => {
  const entries = everyKind();

  it('covers every title key the core sends', () => {
    const covered = new Set(entries.map((e) => e.titleKey));
    expect([...keysInCore()].filter((key) => !covered.has(key))).toEqual([]);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    it(`no raw code in any line (${language}); every line is a link; the recorded time where it differs`, async () => {
      const { unmount } = await renderTimeline(language, entries);
      const lines = screen.getAllByTestId('timeline-entry');
      const offending = lines
        .map((line) => line.textContent ?? '')
        .filter((text) => rawCodesIn(text).length > 0 || /其他记录|其他预警|其他量表|Another record|another alert|another questionnaire/.test(text));
      expect(offending).toEqual([]);
      expect(lines.filter((line) => within(line).queryByTestId('timeline-link') === null).map((l) => l.textContent)).toEqual([]);
      const text = lines.map((l) => l.textContent).join('\n');
      if (language === 'zh-CN') {
        expect(text).toContain('预警：PHQ-9 第9题（死亡或自伤念头）');
        expect(text).toContain('完成测评 PHQ-9');
        expect(text).toContain('记录于');
      } else {
        expect(text).toContain('Alert: PHQ-9 item 9 (thoughts of death or self-harm)');
        expect(text).toContain('recorded');
      }
      // Only the session noted a day later shows its recorded time.
      expect(screen.getAllByTestId('timeline-recorded')).toHaveLength(1);
      unmount();
    });
  }

  it('lines are in the order the core sends (when it happened), with the times shown', async () => {
    const sample = [
      { ...entries[0]!, at: '2026-09-05T02:00:00.000Z' },
      {
        at: '2026-09-03',
        kind: 'followup',
        titleKey: 'followups.timeline.leave',
        values: { startedOn: '2026-09-03' },
        level: null,
        ref: { type: 'leave', id: 'l-1' },
        recordedAt: '2026-09-04T08:00:00.000Z',
      },
    ] satisfies TimelineEntry[];
    const { unmount } = await renderTimeline('zh-CN', sample);
    const lines = screen.getAllByTestId('timeline-entry');
    expect(lines[1]!.textContent).toMatch(/^2026-09-03 · 记录于 2026-09-04 \d\d:\d\d休学（自 2026-09-03）/);
    unmount();
  });
});

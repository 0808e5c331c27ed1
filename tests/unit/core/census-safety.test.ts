import { describe, expect, it } from 'vitest';
import { CENSUS_HEADERS, censusAnswers, censusRow, censusStudents, type CensusStudent } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectError, expectOk, setUpCore } from './helpers';
import { connectionHatch } from '../../../src-main/core/store/open-store';

/**
 * Issue 14 items 7, 8, 9, 14 and issue 15 items 7, 12: no student drops off the census screening.
 * Patterns of censusStudents(8): 0,1 calm, 2 SCL-90 positive, 3 UPI category 1, 4 category 2,
 * 5 UPI item 25 (suicidal thoughts), 6,7 calm.
 */
const b64 = (b: Buffer) => b.toString('base64');
const SCL_HEADERS = CENSUS_HEADERS.slice(0, 92);
/** A platform's UPI export: 学号 and the 60 items only, no auxiliary questions, no "asks for counseling". */
const UPI60_HEADERS = [CENSUS_HEADERS[0], ...CENSUS_HEADERS.slice(92, 152)];
const upi60Row = (s: CensusStudent, answers: (number | null)[] = censusAnswers(s.pattern).upi) => [
  s.studentNo,
  ...answers.map((a) => (a === null ? '' : String(a))),
];
const sclFile = (students: CensusStudent[]) =>
  b64(
    csvUtf8Bom(
      SCL_HEADERS,
      students.map((s) => censusRow(s, 'numbers').slice(0, 92)),
    ),
  );
const upiFile = (rows: string[][]) => b64(csvUtf8Bom(UPI60_HEADERS, rows));

async function world(count = 8, instruments: string[] = ['scl90', 'upi']) {
  const made = await setUpCore();
  const roster = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(count)));
  const preview = expectOk(await made.core.call('roster.preview', { fileName: 'r.csv', contentBase64: roster }));
  expectOk(await made.core.call('roster.import', { fileName: 'r.csv', contentBase64: roster, mapping: preview.mapping }));
  const batch = expectOk(await made.core.call('census.createBatch', { name: '2026级新生普查', cohort: '2026级新生', instruments }));
  const sqlite = connectionHatch(made.core.vault.requireStore());
  return { ...made, batch, sqlite, students: censusStudents(count) };
}

const followupOf = async (core: any, batchId: string, studentNo: string) =>
  (expectOk(await core.call('census.followups', { batchId })) as any[]).find((f) => f.student.studentNo === studentNo);

describe('UPI screening never drops a student (issue 14 item 7)', () => {
  it('a 60-item UPI file without auxiliary columns gives determined categories, counted in the summary', async () => {
    const { core, batch, students } = await world(8, ['upi']);
    const summary = expectOk(
      await core.call('census.import', { batchId: batch.id, fileName: 'u.csv', contentBase64: upiFile(students.map((s) => upi60Row(s))) }),
    );
    // Category 1: the upiCat1 and item-25 students; category 2: the upiCat2 student. Nothing undetermined.
    expect(summary).toMatchObject({ imported: 8, category1: 2, category2: 1, rejected: [] });
    const list = expectOk(await core.call('census.followups', { batchId: batch.id })) as any[];
    expect(list.map((f) => f.student.studentNo).sort()).toEqual([students[3], students[4], students[5]].map((s) => s.studentNo).sort());
    expect(list.flatMap((f) => f.reasons)).not.toContain('UPI_CATEGORY_UNDETERMINED');
  });

  it('an old batch that stored the auxiliary inputs as null still gets determined categories', async () => {
    const { core, batch, sqlite, students } = await world(8, ['upi']);
    sqlite
      .prepare('UPDATE census_batches SET rules = ? WHERE id = ?')
      .run(JSON.stringify({ upi: { variant: 'B', asksForCounseling: null, auxiliaryAffirmative: null } }), batch.id);
    const summary = expectOk(
      await core.call('census.import', { batchId: batch.id, fileName: 'u.csv', contentBase64: upiFile(students.map((s) => upi60Row(s))) }),
    );
    expect(summary).toMatchObject({ category1: 2, category2: 1 });
    expect(expectOk(await core.call('census.followups', { batchId: batch.id }))).toHaveLength(3);
  });

  it('an undetermined form is listed at the urgency of the most severe category still possible, with its own reason', async () => {
    const { core, batch, students } = await world(8, ['upi']);
    const calmA = censusAnswers('calm').upi as (number | null)[];
    calmA[24] = null; // item 25 unanswered: category 1 still possible
    const calmB = censusAnswers('calm').upi as (number | null)[];
    calmB[7] = null; // item 8 unanswered: at worst category 2
    const rows = [upi60Row(students[0], calmA), upi60Row(students[1], calmB), upi60Row(students[6])];
    const summary = expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'u.csv', contentBase64: upiFile(rows) }));
    // Undetermined forms are not counted as category 1 or 2: the counts are of determined categories.
    expect(summary).toMatchObject({ imported: 3, category1: 0, category2: 0 });
    const a = await followupOf(core, batch.id, students[0].studentNo);
    const b = await followupOf(core, batch.id, students[1].studentNo);
    expect(a).toMatchObject({ urgency: 1, reasons: ['UPI_CATEGORY_UNDETERMINED'], status: 'pending' });
    expect(b).toMatchObject({ urgency: 3, reasons: ['UPI_CATEGORY_UNDETERMINED'] });
    expect(await followupOf(core, batch.id, students[6].studentNo)).toBeUndefined();
  });
});

describe('per-instrument rules have a strict schema (issue 15 item 7)', () => {
  it('refuses unknown keys, nonsense values and huge strings on create, and creates nothing', async () => {
    const { core } = await world(1);
    const bad = [
      { scl90: { screen: { totalAbove: 'x'.repeat(10_000_000) } } },
      { scl90: { screen: { totalAbove: 5 } } },
      { scl90: { cutoff: 160 } },
      { upi: { variant: 'Z' } },
      { upi: { asksForCounseling: true } },
      { k10: {} },
      { nonsense: {} },
    ];
    for (const [i, rules] of bad.entries()) {
      const result = await core.call('census.createBatch', { name: `坏规则${i}`, cohort: 'c', rules });
      expect(result.ok, JSON.stringify(rules).slice(0, 80)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION');
    }
    expect((expectOk(await core.call('census.listBatches', {})) as any[]).map((b) => b.name)).toEqual(['2026级新生普查']);
    const good = expectOk(
      await core.call('census.createBatch', {
        name: '好规则',
        cohort: 'c',
        rules: { scl90: { screen: { totalAbove: 200, pstAbove: 43, factorMeanAtLeast: 2 } }, upi: { variant: 'C' } },
      }),
    );
    expect(good.rules).toMatchObject({ scl90: { screen: { totalAbove: 200 } }, upi: { variant: 'C' } });
    // The batch keeps the variant only: the auxiliary inputs are facts of each form.
    expect(Object.keys(good.rules.upi)).toEqual(['variant']);
  });

  it('checks the rules of an added instrument too (every change)', async () => {
    const { core, batch, sqlite } = await world(1, ['scl90']);
    const before = sqlite.prepare('SELECT rules, instruments FROM census_batches WHERE id = ?').get(batch.id);
    expectError(await core.call('census.addInstruments', { batchId: batch.id, instruments: ['upi'], rules: { upi: { variant: 'Q' } } }), 'VALIDATION');
    expectError(
      await core.call('census.addInstruments', { batchId: batch.id, instruments: ['upi'], rules: { upi: { variant: 'B', extra: 'x'.repeat(100_000) } } }),
      'VALIDATION',
    );
    // Rules for an instrument that is not being added would silently change nothing: refused.
    expectError(
      await core.call('census.addInstruments', { batchId: batch.id, instruments: ['upi'], rules: { scl90: { scaleOrigin: 0 } } }),
      'VALIDATION',
      'censusRulesInvalid',
    );
    expect(sqlite.prepare('SELECT rules, instruments FROM census_batches WHERE id = ?').get(batch.id)).toEqual(before);
  });
});

describe('a census batch takes its questionnaires in separate files (issue 14 item 8)', () => {
  it('an import asked to add its instruments adds upi to a scl90 batch, audited, with the default rules', async () => {
    const { core, batch, sqlite, students } = await world(8, ['scl90']);
    expectOk(await core.call('census.import', { batchId: batch.id, instruments: ['scl90'], fileName: 's.csv', contentBase64: sclFile(students) }));
    const upi = upiFile(students.map((s) => upi60Row(s)));
    expectError(
      await core.call('census.import', { batchId: batch.id, instruments: ['upi'], fileName: 'u.csv', contentBase64: upi }),
      'VALIDATION',
      'censusInstrumentNotInBatch',
    );
    const summary = expectOk(
      await core.call('census.import', { batchId: batch.id, instruments: ['upi'], fileName: 'u.csv', contentBase64: upi, addInstruments: true }),
    );
    expect(summary).toMatchObject({ imported: 8, category1: 2, category2: 1, instrumentsAdded: ['upi'] });
    const stored = (expectOk(await core.call('census.listBatches', {})) as any[])[0];
    expect(stored.instruments).toEqual(['scl90', 'upi']);
    expect(stored.rules.upi).toEqual({ variant: 'B' });
    expect(sqlite.prepare("SELECT count(*) FROM audit_events WHERE action = 'census-add-instruments' AND entity_id = ?").pluck().get(batch.id)).toBe(1);
    // Every UPI category 1 or 2 student (and the SCL-90 positive one) is on the interview list.
    const listed = (expectOk(await core.call('census.followups', { batchId: batch.id })) as any[]).map((f) => f.student.studentNo).sort();
    expect(listed).toEqual([students[2], students[3], students[4], students[5]].map((s) => s.studentNo).sort());
    // Again: nothing to add, nothing new.
    const again = expectOk(
      await core.call('census.import', { batchId: batch.id, instruments: ['upi'], fileName: 'u.csv', contentBase64: upi, addInstruments: true }),
    );
    expect(again).toMatchObject({ imported: 0, instrumentsAdded: [] });
  });

  it('a failed import adds nothing to the batch', async () => {
    const { core, batch, students } = await world(4, ['scl90']);
    // A file without item columns: the import is refused as a whole.
    const empty = b64(
      csvUtf8Bom(
        ['学号', '姓名'],
        students.map((s) => [s.studentNo, s.name]),
      ),
    );
    expectError(
      await core.call('census.import', { batchId: batch.id, instruments: ['upi'], fileName: 'x.csv', contentBase64: empty, addInstruments: true }),
      'VALIDATION',
    );
    expect((expectOk(await core.call('census.listBatches', {})) as any[])[0].instruments).toEqual(['scl90']);
  });

  it('refuses to add a questionnaire from a file that holds other item columns too (a mistaken choice)', async () => {
    const { core, batch, students } = await world(4, ['scl90']);
    const both = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        students.map((s) => censusRow(s, 'numbers')),
      ),
    );
    expectError(
      await core.call('census.import', { batchId: batch.id, instruments: ['upi'], fileName: 'c.csv', contentBase64: both, addInstruments: true }),
      'VALIDATION',
      'censusFileHasOtherItems',
    );
    expect((expectOk(await core.call('census.listBatches', {})) as any[])[0].instruments).toEqual(['scl90']);
  });

  it('census.addInstruments adds questionnaires to a batch (批次 → 添加问卷)', async () => {
    const { core, batch } = await world(1, ['scl90']);
    const added = expectOk(await core.call('census.addInstruments', { batchId: batch.id, instruments: ['upi'], rules: { upi: { variant: 'C' } } }));
    expect(added).toMatchObject({ instruments: ['scl90', 'upi'], rules: { upi: { variant: 'C' } }, instrumentsAdded: ['upi'] });
    expect(expectOk(await core.call('census.addInstruments', { batchId: batch.id, instruments: ['upi'] })).instrumentsAdded).toEqual([]);
  });
});

describe('a re-run that imports nothing (issue 15 item 12)', () => {
  it('reports zero new positives and categories, not the totals of the earlier run', async () => {
    const { core, batch, students } = await world(8);
    const file = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        students.map((s) => censusRow(s, 'numbers')),
      ),
    );
    expect(expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c.csv', contentBase64: file }))).toMatchObject({
      positive: 1,
      category1: 2,
      category2: 1,
    });
    const again = expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c.csv', contentBase64: file }));
    expect(again).toMatchObject({ imported: 0, positive: 0, category1: 0, category2: 0, alerts: 0 });
  });
});

describe('interview outcomes and alerts agree (issue 14 items 9 and 14)', () => {
  async function imported() {
    const made = await world(8);
    const file = b64(
      csvUtf8Bom(
        CENSUS_HEADERS,
        made.students.map((s) => censusRow(s, 'numbers')),
      ),
    );
    expectOk(await made.core.call('census.import', { batchId: made.batch.id, fileName: 'c.csv', contentBase64: file }));
    return made;
  }
  const openAlertsOf = async (core: any, studentId: string) => expectOk(await core.call('alerts.list', { status: 'open', studentId })) as any[];

  it('无需跟进 with an unacknowledged URGENT alert is refused until the alert is acknowledged with its action', async () => {
    const { core, batch, students, sqlite } = await imported();
    const item25 = await followupOf(core, batch.id, students[5].studentNo);
    expect(item25.openAlerts).toEqual([expect.objectContaining({ code: 'UPI_ITEM25', level: 'URGENT', item: 25 })]);
    const refused = expectError(
      await core.call('census.recordOutcome', { followupId: item25.id, outcome: 'cleared', note: '约谈后评估无风险' }),
      'CONFLICT',
      'censusAlertsUnacknowledged',
    );
    expect(refused.details).toMatchObject({ codes: ['UPI_ITEM25'] });
    expect((await followupOf(core, batch.id, students[5].studentNo)).status).toBe('pending');
    // A structured action is required: 评估后无需进一步处理 needs a note that says something.
    expectError(
      await core.call('census.recordOutcome', {
        followupId: item25.id,
        outcome: 'cleared',
        note: '约谈',
        acknowledge: { action: 'noFurtherAction', note: '无' },
      }),
      'VALIDATION',
    );
    // From the alert (as the workbench sees it) to its interview-list entry.
    const entry = expectOk(await core.call('census.followupForAlert', { alertId: item25.openAlerts[0].id }));
    expect(entry).toMatchObject({ batch: { id: batch.id }, followup: { id: item25.id, status: 'pending' } });
    const done = expectOk(
      await core.call('census.recordOutcome', {
        followupId: item25.id,
        outcome: 'cleared',
        note: '约谈后评估无风险',
        acknowledge: { action: 'interviewed', note: '12 月 6 日已约谈' },
      }),
    );
    expect(done).toMatchObject({ status: 'done', outcome: 'cleared', openAlerts: [] });
    expect(await openAlertsOf(core, item25.student.id)).toEqual([]);
    const alertId = item25.openAlerts[0].id;
    expect(sqlite.prepare("SELECT count(*) FROM audit_events WHERE entity = 'alerts' AND entity_id = ? AND action = 'acknowledge'").pluck().get(alertId)).toBe(
      1,
    );
    const history = expectOk(await core.call('census.followupHistory', { followupId: item25.id }));
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'outcome',
        outcome: 'cleared',
        details: expect.objectContaining({ acknowledgedAlerts: [alertId], action: 'interviewed' }),
      }),
    ]);
  });

  it('other outcomes leave open alerts open; alerts acknowledged together (one action) leave the list entries clear', async () => {
    const { core, batch, students, sqlite } = await imported();
    const item25 = await followupOf(core, batch.id, students[5].studentNo);
    expectOk(await core.call('census.recordOutcome', { followupId: item25.id, outcome: 'watch', note: '继续观察' }));
    expect(await openAlertsOf(core, item25.student.id)).toHaveLength(1);
    const open = (expectOk(await core.call('census.followups', { batchId: batch.id })) as any[]).flatMap((f) => f.openAlerts);
    expect(open.length).toBeGreaterThan(0);
    expectOk(await core.call('alerts.acknowledgeMany', { alertIds: open.map((a: any) => a.id), action: 'interviewed', note: '已安排 12 月 6 日约谈' }));
    for (const alert of open) {
      expect(
        sqlite.prepare("SELECT count(*) FROM audit_events WHERE entity = 'alerts' AND entity_id = ? AND action = 'acknowledge'").pluck().get(alert.id),
      ).toBe(1);
    }
    expect((expectOk(await core.call('census.followups', { batchId: batch.id })) as any[]).flatMap((f) => f.openAlerts)).toEqual([]);
  });

  it('changing a recorded outcome needs a reason and keeps both', async () => {
    const { core, batch, students } = await imported();
    const cat2 = await followupOf(core, batch.id, students[4].studentNo);
    expectOk(await core.call('census.recordOutcome', { followupId: cat2.id, outcome: 'cleared', note: '情绪平稳' }));
    expectError(await core.call('census.recordOutcome', { followupId: cat2.id, outcome: 'watch', note: '再看看' }), 'VALIDATION', 'censusChangeReasonRequired');
    expectError(await core.call('census.recordOutcome', { followupId: cat2.id, outcome: 'watch', note: '再看看', changeReason: '..' }), 'VALIDATION');
    const changed = expectOk(
      await core.call('census.recordOutcome', { followupId: cat2.id, outcome: 'watch', note: '再看看', changeReason: '辅导员反映近期失眠' }),
    );
    expect(changed).toMatchObject({ status: 'done', outcome: 'watch', note: '再看看' });
    const history = expectOk(await core.call('census.followupHistory', { followupId: cat2.id }));
    expect(history.map((h: any) => [h.kind, h.outcome, h.previousOutcome, h.note, h.reason])).toEqual([
      ['outcome', 'cleared', null, '情绪平稳', null],
      ['outcome_changed', 'watch', 'cleared', '再看看', '辅导员反映近期失眠'],
    ]);
  });

  it('moving away from 重点关注 asks what happens to the key-attention entry', async () => {
    const { core, batch, students } = await imported();
    const cat1 = await followupOf(core, batch.id, students[3].studentNo);
    expectOk(await core.call('census.recordOutcome', { followupId: cat1.id, outcome: 'key_attention', note: '需重点关注' }));
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: cat1.student.id }))).toMatchObject({ status: 'active' });
    expectError(
      await core.call('census.recordOutcome', { followupId: cat1.id, outcome: 'watch', note: '好转', changeReason: '复评后风险下降' }),
      'VALIDATION',
      'censusKeyAttentionDecisionRequired',
    );
    expectOk(
      await core.call('census.recordOutcome', { followupId: cat1.id, outcome: 'watch', note: '好转', changeReason: '复评后风险下降', keyAttention: 'keep' }),
    );
    // Kept: the entry stays active; the decision is in the history.
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: cat1.student.id }))).toMatchObject({ status: 'active' });
    const history = expectOk(await core.call('census.followupHistory', { followupId: cat1.id }));
    expect(history.at(-1).details).toMatchObject({ keyAttention: { decision: 'keep' } });
    // Back to 重点关注 (already on the list), then cleared with the entry ended: the director's removal goes through the key-attention rule.
    expectOk(await core.call('census.recordOutcome', { followupId: cat1.id, outcome: 'key_attention', note: '再次评估', changeReason: '家长反映情况反复' }));
    expectOk(
      await core.call('census.recordOutcome', {
        followupId: cat1.id,
        outcome: 'cleared',
        note: '风险解除',
        changeReason: '连续两次复评无风险',
        keyAttention: 'remove',
      }),
    );
    expect(expectOk(await core.call('keyattention.forStudent', { studentId: cat1.student.id }))).toBeNull();
    expect((expectOk(await core.call('census.followupHistory', { followupId: cat1.id })) as any[]).at(-1).details).toMatchObject({
      keyAttention: { decision: 'remove', result: 'removed' },
    });
  });

  it('a re-imported form that raises the urgency reopens a done interview, keeping its history', async () => {
    const { core, batch, students } = await imported();
    const cat2 = await followupOf(core, batch.id, students[4].studentNo);
    expect(cat2.urgency).toBe(3);
    expectOk(await core.call('census.recordOutcome', { followupId: cat2.id, outcome: 'cleared', note: '情绪平稳' }));
    // The platform re-exports the form: item 25 is now yes.
    const rows = students.map((s) => censusRow(s, 'numbers'));
    rows[4][2 + 90 + 24] = '1';
    const summary = expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c2.csv', contentBase64: b64(csvUtf8Bom(CENSUS_HEADERS, rows)) }));
    expect(summary).toMatchObject({ imported: 1, category1: 1, alerts: 1 });
    const reopened = await followupOf(core, batch.id, students[4].studentNo);
    expect(reopened).toMatchObject({ status: 'pending', reopened: true, urgency: 0, outcome: 'cleared' });
    expect(reopened.reasons).toContain('UPI_ITEM25');
    const history = expectOk(await core.call('census.followupHistory', { followupId: cat2.id }));
    expect(history.map((h: any) => [h.kind, h.outcome ?? h.previousOutcome, h.previousUrgency, h.urgency])).toEqual([
      ['outcome', 'cleared', null, 3],
      ['reopened', 'cleared', 3, 0],
    ]);
    // Interviewed again: a new outcome (not a change), and 无需跟进 still needs the new alert acknowledged.
    expectError(
      await core.call('census.recordOutcome', { followupId: cat2.id, outcome: 'cleared', note: '再次约谈' }),
      'CONFLICT',
      'censusAlertsUnacknowledged',
    );
    expectOk(await core.call('census.recordOutcome', { followupId: cat2.id, outcome: 'watch', note: '再次约谈，继续观察' }));
    // A re-import that makes it less urgent does not reopen anything.
    const calmer = students.map((s) => censusRow(s, 'numbers'));
    expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c3.csv', contentBase64: b64(csvUtf8Bom(CENSUS_HEADERS, calmer)) }));
    expect(await followupOf(core, batch.id, students[4].studentNo)).toMatchObject({ status: 'done', outcome: 'watch' });
  });
});

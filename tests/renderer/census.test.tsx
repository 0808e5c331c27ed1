import { act, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Account, ChannelInput, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';
import { followupsAnswer, type FollowupRow } from '../support/census-followup-page';

// The machine may be busy (antd in jsdom is slow): give each wait more than the default second.
configure({ asyncUtilTimeout: 8000 });

type Batch = ChannelOutput<'census.listBatches'>[number];
type Followup = FollowupRow;
type Preview = ChannelOutput<'census.preview'>;

const DIRECTOR_ADMIN = session();
const DIRECTOR = session({ accountId: 'acc-9', username: 'li.zhuren', displayName: '李主任', roles: ['director'] });

const BATCH: Batch = {
  id: 'b1',
  name: '2026年秋季新生心理普查',
  cohort: '2026级新生',
  grade: '2026级',
  periodStart: '2026-09-01',
  periodEnd: '2026-09-15',
  instruments: ['scl90', 'upi'],
  rules: { scl90: { screen: { totalAbove: 160, pstAbove: 43, factorMeanAtLeast: 2 } }, upi: { variant: 'B' } },
  createdAt: '2026-08-20T08:00:00.000Z',
};
const OLD_BATCH: Batch = { ...BATCH, id: 'b0', name: '2025年秋季新生心理普查', cohort: '2025级新生', grade: '2025级', createdAt: '2025-08-20T08:00:00.000Z' };

const ACCOUNTS: Account[] = [
  {
    id: 'acc-1',
    username: 'zhang.admin',
    displayName: '张老师',
    roles: ['admin', 'director'],
    disabled: false,
    mustChangePassword: false,
    hasKeySlot: true,
    department: null,
    createdAt: '2025-09-01T08:00:00.000Z',
  },
  {
    id: 'acc-2',
    username: 'wang.zixun',
    displayName: '王老师',
    roles: ['counselor'],
    disabled: false,
    mustChangePassword: false,
    hasKeySlot: true,
    department: null,
    createdAt: '2025-09-02T08:00:00.000Z',
  },
  {
    id: 'acc-3',
    username: 'li.jiedai',
    displayName: '李接待',
    roles: ['reception'],
    disabled: false,
    mustChangePassword: false,
    hasKeySlot: true,
    department: null,
    createdAt: '2025-09-03T08:00:00.000Z',
  },
];

const student = (n: number, department: string) => ({
  id: `s${n}`,
  studentNo: `2026${String(n).padStart(6, '0')}`,
  name: `学生${n}`,
  department,
  className: '计算1班',
});

const FOLLOWUPS: Followup[] = [
  {
    id: 'f0',
    student: student(6, '计算机学院'),
    urgency: 0,
    reasons: ['UPI_ITEM25'],
    assignedTo: null,
    status: 'pending',
    outcome: null,
    note: null,
    interviewedAt: null,
  },
  {
    id: 'f1',
    student: student(4, '外国语学院'),
    urgency: 1,
    reasons: ['UPI_CATEGORY_1'],
    assignedTo: { id: 'acc-2', displayName: '王老师' },
    status: 'pending',
    outcome: null,
    note: null,
    interviewedAt: null,
  },
  {
    id: 'f2',
    student: student(3, '计算机学院'),
    urgency: 2,
    reasons: ['SCL90_POSITIVE'],
    assignedTo: null,
    status: 'pending',
    outcome: null,
    note: null,
    interviewedAt: null,
  },
  {
    id: 'f3',
    student: student(5, '文学院'),
    urgency: 3,
    reasons: ['UPI_CATEGORY_2'],
    assignedTo: null,
    status: 'done',
    outcome: 'cleared',
    note: '状态良好',
    interviewedAt: '2026-09-20T08:00:00.000Z',
  },
];

const PREVIEW: Preview = {
  rows: 10,
  imported: 6,
  unchanged: 0,
  rejected: [
    { row: 3, reason: 'notInRoster' },
    { row: 5, reason: 'badAnswer' },
  ],
  warnings: [
    { row: 7, reason: 'duplicateInFile' },
    { row: 9, reason: 'incomplete' },
  ],
  positive: 1,
  category1: 2,
  category2: 1,
  alerts: 1,
  encoding: 'gbk',
  headers: ['学号', '姓名', '院系', 'T1', 'T2', '1', '2', '主动要求咨询', '附加题1'],
  mapping: {
    studentNo: '学号',
    name: '姓名',
    gender: null,
    department: '院系',
    firstItem: { scl90: 'T1', upi: '1' },
    upiAsksForCounseling: '主动要求咨询',
    upiAuxiliary: ['附加题1'],
  },
  mappingSource: 'detected',
  mappingErrors: [],
  problems: [
    { row: 3, reason: 'notInRoster', value: '2026999999' },
    { row: 5, reason: 'badAnswer', instrument: 'scl90', item: 12, value: 'F' },
    { row: 7, reason: 'duplicateInFile', value: '2026000007' },
    { row: 9, reason: 'incomplete', instrument: 'upi', value: '2' },
  ],
};

const INSTRUMENTS: ChannelOutput<'instruments.list'> = [
  ['phq9', '患者健康问卷（PHQ-9）', 'Patient Health Questionnaire-9'],
  ['gad7', '广泛性焦虑量表（GAD-7）', 'Generalized Anxiety Disorder-7'],
  ['scl90', '症状自评量表（SCL-90）', 'Symptom Checklist-90'],
  ['upi', '大学生人格问卷（UPI）', 'University Personality Inventory'],
  ['k10', 'Kessler心理困扰量表（K10）', 'Kessler Psychological Distress Scale'],
].map(([id, zh, en]) => ({
  id: id as 'phq9',
  name: { zh, en },
  itemCount: 10,
  enabled: true,
  options: id === 'scl90' ? { scaleOrigin: 1, screen: { totalAbove: 160, pstAbove: 43, factorMeanAtLeast: 2 } } : id === 'upi' ? { variant: 'B' } : {},
  scoringOnly: false,
  hasWording: true,
  wordingSource: 'shipped' as const,
}));

const PROGRESS: ChannelOutput<'census.progress'> = {
  byDepartment: [
    { department: '外国语学院', total: 1, done: 0 },
    { department: '文学院', total: 1, done: 1 },
    { department: '计算机学院', total: 2, done: 0 },
  ],
  byCounselor: [
    { counselor: null, total: 3, done: 1 },
    { counselor: '王老师', total: 1, done: 0 },
  ],
};

function stats(batchId: string, screened: number): ChannelOutput<'census.statistics'>['current'] {
  return {
    batchId,
    screened,
    participation: [
      { department: '计算机学院', roster: 4, screened: 3 },
      { department: '文学院', roster: 2, screened: 2 },
    ],
    positiveRates: [
      { instrument: 'scl90', screened, positive: 1 },
      { instrument: 'upi', screened, positive: 1 },
    ],
    scl90Factors: [
      { factor: 'somatization', labelZh: '躯体化', positive: 1, meanOfMeans: 1.25 },
      { factor: 'depression', labelZh: '抑郁', positive: 2, meanOfMeans: 1.4 },
    ],
    upiCategories: [
      { key: '1', count: 1 },
      { key: '2', count: 1 },
      { key: '3', count: 3 },
    ],
    distributions: {
      scl90Total: [
        { key: '90-129', count: 4 },
        { key: '130-169', count: 1 },
      ],
      upiTotal: [
        { key: '0-4', count: 3 },
        { key: '25-29', count: 2 },
      ],
    },
    followups: { listed: 4, done: 1, outcomes: [{ key: 'cleared', count: 1 }] },
  };
}

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'auth.lock': () => ({ locked: true as const }),
    'accounts.list': () => (s.roles.includes('admin') ? ACCOUNTS : fail('FORBIDDEN', { permission: 'accounts.manage' })),
    'accounts.counselors': () =>
      ACCOUNTS.filter((a) => !a.disabled && a.roles.some((r) => ['director', 'counselor', 'supervisor', 'trainee'].includes(r))).map((a) => ({
        id: a.id,
        displayName: a.displayName,
        roles: a.roles,
      })),
    'census.listBatches': () => [BATCH, OLD_BATCH],
    'instruments.list': () => INSTRUMENTS,
    'students.facets': () => ({ departments: ['计算机学院'], grades: ['2025级', '2026级'], classes: [] }),
    'census.followups': (input) => followupsAnswer(FOLLOWUPS, input),
    'census.progress': () => PROGRESS,
    'census.statistics': (input) => ({ current: stats(input.batchId, 5), previous: input.compareBatchId ? stats(input.compareBatchId, 4) : null }),
    ...extra,
  });
}

/** An option of the open antd Select popup. */
async function option(title: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${title}"]`)).toBeTruthy());
  return document.querySelector(`.ant-select-item-option[title="${title}"]`) as HTMLElement;
}

function fileInput(): HTMLInputElement {
  return document.querySelector('input[type="file"]') as HTMLInputElement;
}

const CSV = new File(['学号,姓名\n2026000001,张一\n'], '普查结果.csv', { type: 'text/csv' });

async function openBatch(tab?: string, options: { applyAccept?: boolean } = {}) {
  window.location.hash = '#/census/b1';
  // applyAccept off: the file dialog's filter is not what refuses a .docx dropped on the area.
  const user = userEvent.setup({ delay: null, applyAccept: options.applyAccept ?? true });
  await renderApp();
  expect(await screen.findByRole('heading', { name: BATCH.name })).toBeTruthy();
  if (tab) await user.click(screen.getByRole('tab', { name: tab }));
  return user;
}

/** The texts of a column's cells (row order), by the column's header index. */
function bodyRows(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>('tbody tr.ant-table-row'));
}

describe('census: batches', () => {
  it('lists batches and creates one with the chosen instruments and the roster grade', async () => {
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.createBatch': (input) => ({
        ...BATCH,
        id: 'b-new',
        name: input.name,
        cohort: input.cohort,
        grade: input.grade ?? null,
        instruments: input.instruments ?? [],
        rules: {},
      }),
    });
    window.location.hash = '#/census';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const table = await screen.findByRole('table');
    expect(await within(table).findByText(BATCH.name)).toBeTruthy();
    expect(within(table).getAllByText('2026-09-01 – 2026-09-15')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: /新建普查批次/ }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByLabelText('批次名称');
    await fill(user, within(dialog).getByLabelText('批次名称'), '2027年春季补测');
    await fill(user, within(dialog).getByLabelText('普查对象'), '2026级新生（补测）');
    await fill(user, within(dialog).getByLabelText('花名册年级'), '2026级');
    expect(within(dialog).getByText(/参测率以花名册中这一年级的在籍学生人数为分母/)).toBeTruthy();
    // SCL-90 and UPI are chosen by default; add K10, take UPI away.
    expect((within(dialog).getByLabelText('症状自评量表（SCL-90）') as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByLabelText('Kessler心理困扰量表（K10）'));
    await user.click(within(dialog).getByLabelText('大学生人格问卷（UPI）'));
    // The rules editor starts from the center's settings and notes that the batch keeps them.
    await user.click(within(dialog).getByRole('switch', { name: '自定义筛查标准' }));
    expect(within(dialog).getByText(/批次会保存建立时的筛查标准/)).toBeTruthy();
    const total = within(dialog).getByLabelText('总分高于') as HTMLInputElement;
    expect(total.value).toBe('160');
    await user.clear(total);
    await user.type(total, '170');
    await user.click(within(dialog).getByRole('button', { name: '建立批次' }));

    await waitFor(() => expect(fake.callsTo('census.createBatch')).toHaveLength(1));
    expect(fake.callsTo('census.createBatch')[0]).toEqual({
      name: '2027年春季补测',
      cohort: '2026级新生（补测）',
      grade: '2026级',
      periodStart: null,
      periodEnd: null,
      instruments: ['scl90', 'k10'],
      rules: { scl90: { screen: { totalAbove: 170, pstAbove: 43, factorMeanAtLeast: 2 } } },
    });
    await waitFor(() => expect(window.location.hash).toBe('#/census/b-new'));
  });

  it('puts a duplicate name on the name field, translated', async () => {
    signedInAs(DIRECTOR_ADMIN, { 'census.createBatch': () => fail('CONFLICT', { reason: 'censusBatchNameTaken' }) });
    window.location.hash = '#/census';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: /新建普查批次/ }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, await within(dialog).findByLabelText('批次名称'), BATCH.name);
    await fill(user, within(dialog).getByLabelText('普查对象'), '2026级新生');
    await user.click(within(dialog).getByRole('button', { name: '建立批次' }));
    expect(await within(dialog).findByText('已有同名的普查批次。')).toBeTruthy();
  });

  it('offers no 新建 to a counselor and no import tab', async () => {
    signedInAs(session({ accountId: 'acc-2', displayName: '王老师', roles: ['counselor'] }));
    window.location.hash = '#/census';
    await renderApp();
    expect(await screen.findByText(BATCH.name)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /新建普查批次/ })).toBeNull();
    await userEvent.setup({ delay: null }).click(screen.getByText(BATCH.name));
    expect(await screen.findByRole('tab', { name: '约谈名单' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: '导入结果' })).toBeNull();
    expect(screen.getByRole('tab', { name: '进度' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '统计' })).toBeTruthy();
  });
  it('shows a department liaison only the progress of their department, with export', async () => {
    const fake = signedInAs(session({ accountId: 'acc-7', displayName: '赵辅导员', roles: ['liaison'] }), {
      'census.progress': () => ({ byDepartment: [{ department: '计算机学院', total: 2, done: 1 }], byCounselor: [{ counselor: '王老师', total: 2, done: 1 }] }),
      'census.departmentStatus': () => [
        { studentNo: '2026000003', name: '学生3', className: '计算1班', status: 'done' as const, assignedTo: '王老师' },
        { studentNo: '2026000006', name: '学生6', className: '计算1班', status: 'pending' as const, assignedTo: null },
      ],
    });
    await openBatch();
    expect(await screen.findByRole('tab', { name: '进度', selected: true })).toBeTruthy();
    expect(screen.getAllByRole('tab')).toHaveLength(1);
    expect(await screen.findByText('只显示本院系的约谈进度。')).toBeTruthy();
    expect(await screen.findByRole('button', { name: /导出名单/ })).toBeTruthy();
    // The department's list, status only.
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: '展开行' }));
    const done = (await screen.findByRole('cell', { name: '2026000003' })).closest('tr') as HTMLElement;
    expect(within(done).getByText('已约谈')).toBeTruthy();
    expect(fake.callsTo('census.departmentStatus')).toEqual([{ batchId: 'b1', department: '计算机学院' }]);
    expect(fake.callsTo('census.followups')).toHaveLength(0);
    expect(fake.callsTo('census.statistics')).toHaveLength(0);
  });
});

describe('census: import', () => {
  it('shows the problems with translated reasons and imports with a job id and progress', async () => {
    let finish: (value: ChannelOutput<'census.import'>) => void = () => undefined;
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.preview': () => PREVIEW,
      'census.import': () => new Promise((resolve) => (finish = resolve)),
    });
    const user = await openBatch();
    await user.upload(fileInput(), CSV);

    const problems = await screen.findByTestId('census-problems');
    expect(within(problems).getByText('学号不在花名册中')).toBeTruthy();
    expect(within(problems).getByText('答案无法识别')).toBeTruthy();
    expect(within(problems).getByText('学号重复（以后面一行为准）')).toBeTruthy();
    expect(within(problems).getByText('问卷不完整（已按缺失规则计分）')).toBeTruthy();
    expect(within(problems).getByText('缺答 2 题')).toBeTruthy();
    expect(within(problems).getByText('SCL-90')).toBeTruthy();
    const counts = screen.getByTestId('census-preview-counts');
    expect(within(counts).getByText('将导入（新的或有变化）')).toBeTruthy();
    expect(within(counts).getByText('UPI 一类')).toBeTruthy();
    expect(screen.getByText(/编码 GBK/)).toBeTruthy();
    const preview = fake.callsTo('census.preview')[0] as ChannelInput<'census.preview'>;
    expect(preview).toMatchObject({ batchId: 'b1', fileName: '普查结果.csv', createMissingStudents: false });
    expect(preview.contentBase64).toBe(Buffer.from('学号,姓名\n2026000001,张一\n').toString('base64'));

    // 花名册中没有的学号按文件信息新建学生: asks again with the switch.
    await user.click(screen.getByRole('checkbox', { name: '花名册中没有的学号按文件信息新建学生' }));
    await waitFor(() => expect(fake.callsTo('census.preview')).toHaveLength(2));
    expect(fake.callsTo('census.preview')[1]).toMatchObject({ createMissingStudents: true });

    await user.click(await screen.findByRole('button', { name: '导入' }));
    await waitFor(() => expect(fake.callsTo('census.import')).toHaveLength(1));
    const sent = fake.callsTo('census.import')[0] as ChannelInput<'census.import'>;
    expect(sent).toMatchObject({ batchId: 'b1', fileName: '普查结果.csv', createMissingStudents: true });
    expect(typeof sent.jobId).toBe('string');
    expect(sent.jobId!.length).toBeGreaterThan(8);

    // Progress of this job moves the bar; another job's events are ignored.
    act(() => fake.emit('job.progress', { jobId: 'someone-else', phase: 'validate', done: 9, total: 10 }));
    act(() => fake.emit('job.progress', { jobId: sent.jobId, phase: 'validate', done: 5, total: 10 }));
    expect(await screen.findByText('正在检查并计分：第 5 / 10 行')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('45');

    finish({ rows: 10, imported: 6, unchanged: 0, rejected: PREVIEW.rejected, warnings: PREVIEW.warnings, positive: 1, category1: 2, category2: 1, alerts: 1 });
    expect(await screen.findByText('导入完成')).toBeTruthy();
    expect(screen.getByText(/导入 6 人的问卷（新的或有变化），0 份问卷未变化，拒绝 2 行，提示 2 条，产生危急条目预警 1 条。/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '查看约谈名单' }));
    expect(await screen.findByRole('tab', { name: '约谈名单', selected: true })).toBeTruthy();
  });

  it('cancels a running import through jobs.cancel and says nothing was written', async () => {
    let cancelled: () => void = () => undefined;
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.preview': () => PREVIEW,
      'census.import': () => new Promise((resolve) => (cancelled = () => resolve(fail('CANCELLED')))),
      'jobs.cancel': () => {
        cancelled();
        return { cancelled: true };
      },
    });
    const user = await openBatch();
    await user.upload(fileInput(), CSV);
    await user.click(await screen.findByRole('button', { name: '导入' }));
    await waitFor(() => expect(fake.callsTo('census.import')).toHaveLength(1));
    const { jobId } = fake.callsTo('census.import')[0] as { jobId: string };
    await user.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(fake.callsTo('jobs.cancel')).toEqual([{ jobId }]));
    expect(await screen.findByText('已取消，没有写入任何数据。')).toBeTruthy();
    // Back to the check: the preview is still there.
    await user.click(screen.getByRole('button', { name: '返回检查结果' }));
    expect(await screen.findByTestId('census-problems')).toBeTruthy();
  });

  it('refuses a file of another type before reading it, and shows a core error translated', async () => {
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.preview': () => fail('VALIDATION', { reason: 'censusItemColumnsMissing', instrument: 'upi', expected: 60, found: 12 }),
    });
    const user = await openBatch(undefined, { applyAccept: false });
    await user.upload(fileInput(), new File(['x'], '结果.docx', { type: 'application/msword' }));
    expect(await screen.findByText('“结果.docx”不是 .xlsx 或 .csv 文件。')).toBeTruthy();
    expect(fake.callsTo('census.preview')).toHaveLength(0);
    await user.upload(fileInput(), CSV);
    expect(await screen.findByText('文件中 upi 的题目列不全（应有 60 列，找到 12 列）。')).toBeTruthy();
  });
  it('imports one instrument of the batch from its own file, and uses corrected columns', async () => {
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.preview': (input) => ({ ...PREVIEW, ...(input.mapping ? { mapping: input.mapping, mappingSource: 'given' as const } : {}) }),
      'census.import': () => ({ rows: 10, imported: 6, unchanged: 0, rejected: [], warnings: [], category1: 2, category2: 1, alerts: 1 }),
    });
    const user = await openBatch();
    // The file holds UPI only.
    const instruments = screen.getByRole('group', { name: '本文件包含的量表' });
    await user.click(within(instruments).getByRole('checkbox', { name: 'SCL-90' }));
    await user.upload(fileInput(), CSV);
    await screen.findByTestId('census-problems');
    expect(fake.callsTo('census.preview')[0]).toMatchObject({ instruments: ['upi'] });
    const mapping = screen.getByTestId('census-mapping');
    expect(within(mapping).getByText('自动识别')).toBeTruthy();
    expect(within(mapping).queryByLabelText('SCL-90 第1题')).toBeNull();

    // 姓名 is in another column: the file is checked again with the corrected mapping.
    await user.click(within(mapping).getByRole('combobox', { name: '姓名' }));
    await user.click(await option('院系'));
    await waitFor(() => expect(fake.callsTo('census.preview')).toHaveLength(2));
    expect(fake.callsTo('census.preview')[1]).toMatchObject({ instruments: ['upi'], mapping: { ...PREVIEW.mapping, name: '院系' } });
    expect(await within(screen.getByTestId('census-mapping')).findByText('已手动指定')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '导入' }));
    await waitFor(() => expect(fake.callsTo('census.import')).toHaveLength(1));
    expect(fake.callsTo('census.import')[0]).toMatchObject({ instruments: ['upi'], mapping: { ...PREVIEW.mapping, name: '院系' } });
    expect(await screen.findByText('本次导入（新的或有变化的问卷）中：UPI 一类 2 人，UPI 二类 1 人。')).toBeTruthy();
  });
  it('shows what cannot be read in an undetected layout, keeps 导入 off, and sends the platform and the corrected columns', async () => {
    const UNREADABLE: Preview = {
      ...PREVIEW,
      imported: 0,
      rejected: [],
      warnings: [],
      problems: [],
      mapping: { studentNo: '', firstItem: {} },
      mappingErrors: [{ reason: 'censusNoStudentNoColumn' }, { reason: 'censusItemColumnsMissing', instrument: 'scl90', expected: 90, found: 0 }],
    };
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.preview': (input) => (input.mapping?.studentNo === '学号' ? { ...PREVIEW, mapping: input.mapping, mappingSource: 'given' as const } : UNREADABLE),
    });
    const user = await openBatch();
    await user.type(screen.getByLabelText('普查平台'), '测评系统甲');
    await user.upload(fileInput(), CSV);
    const errors = await screen.findByTestId('census-mapping-errors');
    expect(within(errors).getByText('文件中没有学号列。')).toBeTruthy();
    expect(within(errors).getByText('文件中 SCL-90 的题目列不全（应有 90 列，找到 0 列）。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '导入' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('请先修正列对应')).toBeTruthy();
    expect(fake.callsTo('census.preview')[0]).toMatchObject({ platform: '测评系统甲' });

    await user.click(within(screen.getByTestId('census-mapping')).getByRole('combobox', { name: '学号' }));
    await user.click(await option('学号'));
    await waitFor(() => expect(fake.callsTo('census.preview')).toHaveLength(2));
    expect(fake.callsTo('census.preview')[1]).toMatchObject({ platform: '测评系统甲', mapping: { studentNo: '学号' } });
    await waitFor(() => expect(screen.queryByTestId('census-mapping-errors')).toBeNull());
    expect(screen.getByRole('button', { name: '导入' }).hasAttribute('disabled')).toBe(false);
  });
  it('keeps the last good check when a corrected column does not fit, with the reason translated', async () => {
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.preview': (input) =>
        input.mapping ? fail('VALIDATION', { reason: 'censusItemColumnsMissing', instrument: 'upi', expected: 60, found: 4 }) : PREVIEW,
    });
    const user = await openBatch();
    await user.upload(fileInput(), CSV);
    const mapping = await screen.findByTestId('census-mapping');
    await user.click(within(mapping).getByRole('combobox', { name: 'UPI 第1题' }));
    await user.click(await option('2'));
    await waitFor(() => expect(fake.callsTo('census.preview')).toHaveLength(2));
    expect(await screen.findByText('文件中 upi 的题目列不全（应有 60 列，找到 4 列）。')).toBeTruthy();
    // The check on screen is still the detected one, and importing would use it.
    expect(within(screen.getByTestId('census-mapping')).getByText('自动识别')).toBeTruthy();
    expect(screen.getByTestId('census-problems')).toBeTruthy();
    expect(screen.getByRole('button', { name: '导入' })).toBeTruthy();
  });
});

describe('census: follow-up list', () => {
  it('lists the most urgent first with coloured, translated tags, and links names to the student file', async () => {
    signedInAs(DIRECTOR_ADMIN);
    const user = await openBatch('约谈名单');
    const table = await screen.findByTestId('census-followups');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4));
    const urgency = bodyRows(table).map((row) => row.querySelector('td:nth-child(2) .ant-tag')?.textContent);
    expect(urgency).toEqual(['危急条目', 'UPI 一类', 'SCL-90 筛查阳性', 'UPI 二类']);
    const first = bodyRows(table)[0];
    expect(within(first).getByText('UPI 第25题（自杀意念）')).toBeTruthy();
    expect(first.querySelector('.ant-tag')?.className).toMatch(/red/);
    expect(within(bodyRows(table)[3]).getByText('无需跟进')).toBeTruthy();
    expect(within(bodyRows(table)[1]).getByText('王老师')).toBeTruthy();
    await user.click(within(first).getByRole('link', { name: '学生6' }));
    await waitFor(() => expect(window.location.hash).toBe('#/student/s6'));
  });

  it('filters by department and status through the core', async () => {
    const fake = signedInAs(DIRECTOR_ADMIN);
    const user = await openBatch('约谈名单');
    const table = await screen.findByTestId('census-followups');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4));
    const filters = screen.getByRole('group', { name: '筛选' });
    await user.click(within(filters).getByRole('combobox', { name: '院系' }));
    await user.click(await option('计算机学院'));
    await waitFor(() => expect(bodyRows(table)).toHaveLength(2));
    await user.click(within(filters).getByRole('combobox', { name: '状态' }));
    await user.click(await option('待约谈'));
    await waitFor(() =>
      expect(fake.callsTo('census.followups')).toContainEqual({ batchId: 'b1', department: '计算机学院', status: 'pending', offset: 0, limit: 50 }),
    );
  });

  it('pages a long list, counts the at-risk students waiting, and says what a filter hides (issue 19)', async () => {
    // 120 entries: the first 3 at risk (the core's order), the rest calm and interviewed every other one.
    const many: Followup[] = Array.from({ length: 120 }, (_, i) => ({
      ...FOLLOWUPS[i < 3 ? 0 : 2],
      id: `m${i}`,
      student: { ...student(i + 10, i % 2 ? '文学院' : '计算机学院'), name: `学生${i}` },
      status: i >= 3 && i % 2 ? 'done' : 'pending',
      atRisk: i < 3,
    }));
    const fake = signedInAs(DIRECTOR_ADMIN, { 'census.followups': (input) => followupsAnswer(many, input) });
    const user = await openBatch('约谈名单');
    const table = await screen.findByTestId('census-followups');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(50));
    expect(within(table).getAllByTestId('census-followup-at-risk')).toHaveLength(3);
    expect(screen.getByTestId('census-followups-at-risk').textContent).toContain('3 名风险学生');
    expect(screen.queryByTestId('census-followups-hidden')).toBeNull();
    const pager = document.querySelector<HTMLElement>('.ant-pagination')!;
    expect(pager.textContent).toContain('第 1–50 名，共 120 名学生');

    await user.click(within(pager).getByTitle('3'));
    await waitFor(() => expect(fake.callsTo('census.followups')).toContainEqual({ batchId: 'b1', offset: 100, limit: 50 }));
    await waitFor(() => expect(bodyRows(table)).toHaveLength(20));
    // Still said on the last page: the at-risk students wait on page 1.
    expect(screen.getByTestId('census-followups-at-risk').textContent).toContain('3 名风险学生');

    // 已约谈 only: the three at-risk students are hidden, and the screen says so.
    const filters = screen.getByRole('group', { name: '筛选' });
    await user.click(within(filters).getByRole('combobox', { name: '状态' }));
    await user.click(await option('已约谈'));
    await waitFor(() => expect(fake.callsTo('census.followups')).toContainEqual({ batchId: 'b1', status: 'done', offset: 0, limit: 50 }));
    const hidden = await screen.findByTestId('census-followups-hidden');
    await waitFor(() => expect(hidden.textContent).toContain('隐藏 61 名，其中 3 名风险学生尚未约谈'));
    expect(screen.queryByTestId('census-followups-at-risk')).toBeNull();
    await user.click(within(hidden).getByRole('button', { name: '显示全部' }));
    await waitFor(() => expect(screen.queryByTestId('census-followups-hidden')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('census-followups-at-risk').textContent).toContain('3 名风险学生'));
  }, 90_000);

  it('按院系分配 sends the department and the counselor; 分配所选 sends the chosen rows', async () => {
    const fake = signedInAs(DIRECTOR_ADMIN, { 'census.assign': () => ({ assigned: 2 }) });
    const user = await openBatch('约谈名单');
    const table = await screen.findByTestId('census-followups');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4));

    await user.click(screen.getByRole('combobox', { name: '分配给' }));
    // Administrators read the accounts: clinical, enabled ones only.
    expect(await option('王老师')).toBeTruthy();
    expect(document.querySelector('.ant-select-item-option[title="李接待"]')).toBeNull();
    await user.click(await option('王老师'));
    // Without a department the button explains what is missing.
    await user.click(screen.getByRole('button', { name: '按院系分配' }));
    expect(await screen.findByText('请先选择院系。')).toBeTruthy();
    expect(fake.callsTo('census.assign')).toHaveLength(0);

    await user.click(within(screen.getByRole('group', { name: '分配约谈' })).getByRole('combobox', { name: '院系' }));
    await user.click(await option('计算机学院'));
    await user.click(screen.getByRole('button', { name: '按院系分配' }));
    await waitFor(() => expect(fake.callsTo('census.assign')).toEqual([{ batchId: 'b1', counselorId: 'acc-2', department: '计算机学院' }]));
    expect(await screen.findByText('已分配 2 人给 王老师。')).toBeTruthy();

    const rows = bodyRows(table);
    await user.click(within(rows[0]).getByRole('checkbox'));
    await user.click(within(rows[2]).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '分配所选（2）' }));
    await waitFor(() => expect(fake.callsTo('census.assign')[1]).toEqual({ batchId: 'b1', counselorId: 'acc-2', followupIds: ['f0', 'f2'] }));
  });

  it('a director who is not an administrator picks from every clinical account, without the account list', async () => {
    const fake = signedInAs(DIRECTOR, {
      'accounts.counselors': () => [
        { id: 'acc-9', displayName: '李主任', roles: ['director'] },
        { id: 'acc-2', displayName: '王老师', roles: ['counselor'] },
      ],
    });
    const user = await openBatch('约谈名单');
    await screen.findByTestId('census-followups');
    await user.click(screen.getByRole('combobox', { name: '分配给' }));
    expect(await option('李主任（本人）')).toBeTruthy();
    expect(await option('王老师')).toBeTruthy();
    expect(fake.callsTo('accounts.list')).toHaveLength(0);
    expect(fake.callsTo('accounts.counselors').length).toBeGreaterThan(0);
  });

  it('records an interview outcome with a note', async () => {
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.recordOutcome': (input) => ({
        ...FOLLOWUPS[0],
        status: 'done',
        outcome: input.outcome,
        note: input.note ?? null,
        interviewedAt: '2026-09-21T08:00:00.000Z',
      }),
    });
    const user = await openBatch('约谈名单');
    const table = await screen.findByTestId('census-followups');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4));
    await user.click(within(bodyRows(table)[0]).getByRole('button', { name: '记录约谈结果' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('记录约谈结果：学生6（2026000006）')).toBeTruthy();
    // An outcome is required.
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请选择约谈结果。')).toBeTruthy();
    await user.click(within(dialog).getByRole('radio', { name: '危机' }));
    expect(await within(dialog).findByText('“危机”请同时按危机干预流程处理。')).toBeTruthy();
    await user.click(within(dialog).getByRole('radio', { name: '重点关注' }));
    await fill(user, within(dialog).getByLabelText('简要记录'), '已约谈，转入重点关注，每周回访。');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(fake.callsTo('census.recordOutcome')).toEqual([{ followupId: 'f0', outcome: 'key_attention', note: '已约谈，转入重点关注，每周回访。' }]),
    );
    expect(await screen.findByText('已记录 学生6 的约谈结果。')).toBeTruthy();
    await waitFor(() => expect(fake.callsTo('census.followups').length).toBeGreaterThan(1));
  });
});

describe('census: progress and statistics', () => {
  it('shows progress by department and counselor with charts, and exports a department list', async () => {
    const createObjectURL = vi.fn(() => 'blob:census');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const fake = signedInAs(DIRECTOR_ADMIN, {
      'census.exportDepartmentList': (input) => ({
        fileName: `普查-${input.department}-约谈名单.xlsx`,
        contentBase64: Buffer.from('PK\u0003\u0004').toString('base64'),
      }),
    });
    const user = await openBatch('进度');
    const departments = await screen.findByTestId('census-progress-departments');
    const row = (await within(departments).findByRole('cell', { name: '计算机学院' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('0.0%')).toBeTruthy();
    expect(within(screen.getByTestId('census-progress-counselors')).getByRole('cell', { name: '未分配' })).toBeTruthy();
    await waitFor(() => expect(departments.querySelector('[data-testid="census-chart"] svg')).not.toBeNull());
    await user.click(within(row).getByRole('button', { name: /导出名单/ }));
    await waitFor(() => expect(fake.callsTo('census.exportDepartmentList')).toEqual([{ batchId: 'b1', department: '计算机学院' }]));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(createObjectURL).toHaveBeenCalled();
    expect(await screen.findByText('已导出“普查-计算机学院-约谈名单.xlsx”。')).toBeTruthy();
    click.mockRestore();
  });

  it('shows statistics, compares with an earlier batch side by side, and says screening is not diagnosis', async () => {
    const fake = signedInAs(DIRECTOR_ADMIN);
    const user = await openBatch('统计');
    expect(await screen.findByText(/普查是筛查，不是诊断/)).toBeTruthy();
    expect(await screen.findByText('参测情况（按院系）')).toBeTruthy();
    expect(screen.getByText('75.0%')).toBeTruthy(); // 3 of 4 in 计算机学院
    expect(screen.getByRole('cell', { name: '抑郁' })).toBeTruthy();
    expect(screen.getByText('一类（可能需要尽快约谈）')).toBeTruthy();
    expect(screen.queryByText('对比批次')).not.toBeNull(); // the label of the select
    await user.click(screen.getByRole('combobox', { name: '对比批次' }));
    await user.click(await option(OLD_BATCH.name));
    await waitFor(() => expect(fake.callsTo('census.statistics')).toContainEqual({ batchId: 'b1', compareBatchId: 'b0' }));
    expect((await screen.findAllByRole('columnheader', { name: '对比批次' })).length).toBeGreaterThan(0);
  });

  it('renders the census pages in English', async () => {
    signedInAs(DIRECTOR_ADMIN);
    window.location.hash = '#/census/b1';
    const user = userEvent.setup({ delay: null });
    await renderApp('en');
    expect(await screen.findByRole('tab', { name: 'Import results' })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'Interview list' }));
    const table = await screen.findByTestId('census-followups');
    await waitFor(() => expect(bodyRows(table)).toHaveLength(4));
    expect(within(bodyRows(table)[0]).getByText('UPI item 25 (suicidal ideation)')).toBeTruthy();
    expect(within(bodyRows(table)[0]).getByText('Critical item')).toBeTruthy();
  });
});

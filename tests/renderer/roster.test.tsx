import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelOutput, RosterMapping } from '../../src-shared/contract';
import { ROSTER_HEADERS } from '../support/synthetic';
import { FACETS, searchHandler } from '../support/student-fakes';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { renderApp } from './render-app';

const DIRECTOR = session();

const DETECTED: RosterMapping = {
  studentNo: '学号',
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  department: '院系',
  major: '专业',
  grade: '年级',
  className: '班级',
  dorm: '宿舍',
  phone: '联系电话',
  departmentCounselor: '辅导员',
  guardianName: '家长姓名',
  guardianPhone: '家长电话',
};

const PROBLEMS = [
  { row: 4, reason: 'badDate' as const, field: 'birthDate', value: '2007-02-30' },
  { row: 7, reason: 'missingName' as const, field: 'name', value: null },
  { row: 9, reason: 'duplicateInFile' as const, field: 'studentNo', value: '2026000003' },
];

type PreviewInput = ChannelInput<'roster.preview'>;
type ImportInput = ChannelInput<'roster.import'>;

function preview(input: PreviewInput): ChannelOutput<'roster.preview'> {
  const mapping = input.mapping ?? DETECTED;
  const noStudentNo = !mapping.studentNo;
  return {
    encoding: 'gb18030',
    headers: [...ROSTER_HEADERS],
    mapping,
    mappingSource: input.mapping ? 'given' : 'detected',
    mappingErrors: noStudentNo ? ['mappingNeedsStudentNo'] : [],
    plan: noStudentNo
      ? { rows: 12, created: 0, updated: 0, unchanged: 0, rejected: [] }
      : { rows: 12, created: 9, updated: 0, unchanged: 0, rejected: PROBLEMS.map(({ row, reason }) => ({ row, reason })) },
    problems: noStudentNo ? [] : PROBLEMS,
    rejectedCsvBase64: noStudentNo
      ? null
      : Buffer.from('\ufeff行号 row,学号,问题 problem\r\n4,2026000004,日期无法识别 (badDate)\r\n', 'utf8').toString('base64'),
  };
}

function openRoster(extra: Handlers = {}) {
  window.location.hash = '#/roster';
  return installFakeBridge({
    'app.status': () => status.signedIn(DIRECTOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.search': searchHandler(240),
    'students.facets': () => FACETS,
    'roster.preview': preview,
    'jobs.cancel': () => ({ cancelled: true }),
    ...extra,
  });
}

const CSV = '学号,姓名\r\n2026000001,张一一\r\n';

function fileInput(): HTMLInputElement {
  return document.querySelector('input[type="file"]') as HTMLInputElement;
}

/** Resolves when the test says so: an import that runs until cancelled or finished. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  vi.restoreAllMocks();
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

describe('roster import wizard', () => {
  it('reads the file, shows the detected mapping, the problems translated, and imports with the mapping', async () => {
    const running = deferred<ChannelOutput<'roster.import'> | ReturnType<typeof fail>>();
    const fake = openRoster({ 'roster.import': () => running.promise });
    const user = userEvent.setup({ delay: null });
    const { queryClient } = await renderApp();
    await screen.findByText('点击选择文件，或把文件拖到这里');
    await user.upload(fileInput(), new File([CSV], '花名册.csv', { type: 'text/csv' }));

    // Step 2: the mapping as detected, the encoding, and a select per roster field.
    expect(await screen.findByTestId('mapping-source')).toHaveProperty('textContent', '按列名自动识别');
    expect(screen.getByTestId('file-encoding').textContent).toBe('文件编码：GBK（GB18030）');
    const previewInput = fake.callsTo('roster.preview')[0] as PreviewInput;
    expect(previewInput.fileName).toBe('花名册.csv');
    expect(previewInput.contentBase64).toBe(Buffer.from(CSV, 'utf8').toString('base64'));
    expect(previewInput.jobId).toMatch(/^[0-9a-f-]{16,}$/);
    expect(previewInput.mapping).toBeUndefined();
    for (const label of ['学号', '姓名', '出生日期', '家长姓名', '家长电话']) expect(screen.getByLabelText(new RegExp(`^${label}`))).toBeTruthy();
    expect(screen.getByTestId('mapping-birthDate').closest('.ant-select')?.textContent).toContain('出生日期');

    // Step 3: counts and the problems, translated.
    await user.click(screen.getByRole('button', { name: '下一步' }));
    expect(screen.getByTestId('count-rows').textContent).toContain('12');
    expect(screen.getByTestId('count-created').textContent).toContain('9');
    expect(screen.getByTestId('count-rejected').textContent).toContain('3');
    const problems = screen.getByRole('table');
    expect(within(problems).getByText('日期格式不正确。')).toBeTruthy();
    expect(within(problems).getByText('缺少姓名。')).toBeTruthy();
    expect(within(problems).getByText('学号在文件中重复出现。')).toBeTruthy();
    expect(within(problems).getByText('2007-02-30')).toBeTruthy();

    // Step 4: the import, with the mapping and a job id; progress events move the bar.
    await user.click(screen.getByRole('button', { name: '开始导入' }));
    await waitFor(() => expect(fake.callsTo('roster.import')).toHaveLength(1));
    const importInput = fake.callsTo('roster.import')[0] as ImportInput;
    expect(importInput.mapping).toEqual(DETECTED);
    expect(importInput.contentBase64).toBe(previewInput.contentBase64);
    expect(importInput.jobId).toBeTruthy();
    expect(importInput.jobId).not.toBe(previewInput.jobId);
    act(() => fake.emit('job.progress', { jobId: 'someone-else', phase: 'write', done: 5, total: 10 }));
    act(() => fake.emit('job.progress', { jobId: importInput.jobId, phase: 'validate', done: 6, total: 12 }));
    expect(await screen.findByText('正在检查第 6 / 12 行')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');

    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    running.resolve({ rows: 12, created: 9, updated: 0, unchanged: 0, rejected: PROBLEMS.map(({ row, reason }) => ({ row, reason })) });
    expect(await screen.findByText('导入完成')).toBeTruthy();
    expect(screen.getByText('新增 9 名，更新 0 名，无变化 0 名，拒绝 3 行。')).toBeTruthy();
    // The import's store.changed marks the student lists stale (they refetch when shown).
    await waitFor(() =>
      expect(
        invalidate.mock.calls.some(([filters]) => (filters as { predicate?: (q: unknown) => boolean })?.predicate?.({ queryKey: ['students.search'] })),
      ).toBe(true),
    );
    await user.click(screen.getByRole('button', { name: '查看学生' }));
    await waitFor(() => expect(window.location.hash).toBe('#/students'));
  });

  it('cancel calls jobs.cancel with the job id and says that nothing was imported', async () => {
    const running = deferred<ChannelOutput<'roster.import'> | ReturnType<typeof fail>>();
    const fake = openRoster({
      'roster.import': () => running.promise,
      'jobs.cancel': () => {
        running.resolve(fail('CANCELLED'));
        return { cancelled: true };
      },
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByText('点击选择文件，或把文件拖到这里');
    await user.upload(fileInput(), new File([CSV], '花名册.csv', { type: 'text/csv' }));
    await screen.findByTestId('mapping-source');
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.click(screen.getByRole('button', { name: '开始导入' }));
    await user.click(await screen.findByRole('button', { name: '取消导入' }));
    await waitFor(() => expect(fake.callsTo('jobs.cancel')).toHaveLength(1));
    const { jobId } = fake.callsTo('roster.import')[0] as ImportInput;
    expect(fake.callsTo('jobs.cancel')[0]).toEqual({ jobId });
    expect(await screen.findByText('已取消导入')).toBeTruthy();
    expect(screen.getByText('没有导入任何数据。')).toBeTruthy();
  });

  it('re-checks with the new mapping when a column is changed, and blocks the import without 学号', async () => {
    const fake = openRoster();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByText('点击选择文件，或把文件拖到这里');
    await user.upload(fileInput(), new File([CSV], '花名册.csv', { type: 'text/csv' }));
    await screen.findByTestId('mapping-source');
    const studentNo = screen.getByTestId('mapping-studentNo').closest('.ant-select') as HTMLElement;
    await user.click(studentNo.querySelector('.ant-select-clear') as HTMLElement);
    await waitFor(() => expect(fake.callsTo('roster.preview')).toHaveLength(2));
    const second = fake.callsTo('roster.preview')[1] as PreviewInput;
    expect(second.mapping).toEqual({ ...DETECTED, studentNo: null });
    expect(await screen.findByText('请指定哪一列是学号。')).toBeTruthy();
    expect(screen.getByTestId('mapping-source').textContent).toBe('手动指定');
    expect((screen.getByRole('button', { name: '下一步' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('can cancel the reading of a large file, and returns to the file step', async () => {
    const reading = deferred<ChannelOutput<'roster.preview'> | ReturnType<typeof fail>>();
    const fake = openRoster({
      'roster.preview': () => reading.promise,
      'jobs.cancel': () => {
        reading.resolve(fail('CANCELLED'));
        return { cancelled: true };
      },
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByText('点击选择文件，或把文件拖到这里');
    await user.upload(fileInput(), new File([CSV], '全校花名册.csv', { type: 'text/csv' }));
    await waitFor(() => expect(fake.callsTo('roster.preview')).toHaveLength(1));
    const { jobId } = fake.callsTo('roster.preview')[0] as PreviewInput;
    act(() => fake.emit('job.progress', { jobId, phase: 'validate', done: 40_000, total: 100_000 }));
    expect(await screen.findByText('正在检查第 40,000 / 100,000 行')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(fake.callsTo('jobs.cancel')).toEqual([{ jobId }]));
    expect(await screen.findByText('点击选择文件，或把文件拖到这里')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a file that is not .xlsx or .csv, with a translated reason, and calls nothing', async () => {
    const fake = openRoster();
    const user = userEvent.setup({ delay: null, applyAccept: false });
    await renderApp();
    await screen.findByText('点击选择文件，或把文件拖到这里');
    await user.upload(fileInput(), new File(['x'], '名单.docx', { type: 'application/msword' }));
    expect(await screen.findByText('“名单.docx”不是 Excel（.xlsx）或 CSV 文件。')).toBeTruthy();
    expect(fake.callsTo('roster.preview')).toHaveLength(0);
  });

  it('shows the core reason when the file cannot be read', async () => {
    openRoster({ 'roster.preview': () => fail('VALIDATION', { reason: 'unreadableFile' }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByText('点击选择文件，或把文件拖到这里');
    await user.upload(fileInput(), new File([CSV], '花名册.csv', { type: 'text/csv' }));
    expect(await screen.findByText('无法读取该文件。')).toBeTruthy();
  });

  it('saves the rejected rows as <name>-rejected.csv', async () => {
    openRoster();
    const user = userEvent.setup({ delay: null });
    const created: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    }) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await renderApp();
    await screen.findByText('点击选择文件，或把文件拖到这里');
    await user.upload(fileInput(), new File([CSV], '花名册.csv', { type: 'text/csv' }));
    await screen.findByTestId('mapping-source');
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.click(screen.getByRole('button', { name: /保存被拒绝的行/ }));
    expect(names).toEqual(['花名册-rejected.csv']);
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]);
    });
    expect(text).toContain('日期无法识别 (badDate)');
  });
});

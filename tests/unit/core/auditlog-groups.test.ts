import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../src-shared/contract';
import type { AuditEntry } from '../../../src-shared/contract/auditlog';
import { getWorkstationName } from '../../../src-main/core/settings/settings-service';
import { auditWorkstationLabel, describeAuditGroup } from '../../../src-shared/labels/audit-labels';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { ADMIN_PASSWORD, expectOk, makeCore, setUpCore } from './helpers';

const b64 = (b: Buffer) => b.toString('base64');
type Core = Awaited<ReturnType<typeof setUpCore>>['core'];
type Page = ChannelOutput<'auditlog.list'>;

async function importRoster(core: Core, rows: number) {
  const roster = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(rows)));
  const preview = expectOk(await core.call('roster.preview', { fileName: '花名册.csv', contentBase64: roster }));
  return expectOk(await core.call('roster.import', { fileName: '花名册.csv', contentBase64: roster, mapping: preview.mapping }));
}

async function allPages(core: Core, input: Record<string, unknown>, pageSize: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let page = 1; ; page += 1) {
    const got = expectOk<Page>(await core.call('auditlog.list', { ...input, page, pageSize }));
    out.push(...got.entries);
    if (page * pageSize >= got.total) {
      expect(out.length).toBe(got.total);
      return out;
    }
  }
}

describe('a bulk operation is one entry of the audit log', () => {
  it('a roster import is one entry with its counts, paging counts it once, and it expands to its rows', async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    const before = expectOk<Page>(await core.call('auditlog.list', { page: 1, pageSize: 200 }));
    await importRoster(core, 30);
    const after = expectOk<Page>(await core.call('auditlog.list', { page: 1, pageSize: 200 }));
    // Thirty students, one setting, one summary: one entry more (plus nothing else).
    expect(after.total).toBe(before.total + 1);
    const group = after.entries[0]!;
    expect(group.action).toBe('roster-import');
    expect(group.group).toMatchObject({ rows: 32, matching: 32 });
    expect(describeAuditGroup(group, 'zh-CN')).toBe('导入花名册：条数 30、新增 30、更新 0、未变 0、未导入 0');
    expect(describeAuditGroup(group, 'en')).toMatch(/^Imported the roster: Rows 30, Created 30/);

    // Its rows, oldest first, in pages.
    const first = expectOk<Page>(await core.call('auditlog.group', { bulk: group.group!.bulk, seq: group.seq, page: 1, pageSize: 20 }));
    const second = expectOk<Page>(await core.call('auditlog.group', { bulk: group.group!.bulk, seq: group.seq, page: 2, pageSize: 20 }));
    expect(first.total).toBe(32);
    const rows = [...first.entries, ...second.entries];
    expect(rows.map((e) => e.seq)).toEqual([...rows.map((e) => e.seq)].sort((a, b) => a - b));
    expect(rows.filter((e) => e.action === 'import' && e.entity === 'students')).toHaveLength(30);
    expect(rows.at(-1)!.seq).toBe(group.seq);

    // Paging stays correct: small pages give the same entries as one large page, no group twice.
    const paged = await allPages(core, {}, 7);
    expect(paged.map((e) => e.seq)).toEqual(after.entries.map((e) => e.seq));
    expect(new Set(paged.map((e) => e.group?.bulk).filter(Boolean)).size).toBe(1);
  });

  it('two imports are two entries; events between them stay single entries', async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    await importRoster(core, 5);
    const student = expectOk(await core.call('students.create', { studentNo: '2026990001', name: '测试学生甲', department: '理学院' }));
    await importRoster(core, 8);
    const page = expectOk<Page>(await core.call('auditlog.list', { page: 1, pageSize: 5 }));
    // Three new students and the summary (five unchanged, the mapping already saved).
    expect(page.entries[0]!.group).toMatchObject({ rows: 4, matching: 4 });
    expect(page.entries.some((e) => !e.group && e.entity === 'students' && e.entityId === student.id)).toBe(true);
    expect(page.entries.filter((e) => e.group)).toHaveLength(2);
  });

  it('filters find events inside a group: the group shows how many match and expands to those only', async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    await importRoster(core, 12);
    const found = expectOk(await core.call('students.search', { query: '' }));
    const student = found.rows[0]!;

    const byStudent = expectOk<Page>(await core.call('auditlog.list', { studentId: student.id, page: 1, pageSize: 50 }));
    const group = byStudent.entries.find((e) => e.group)!;
    expect(group).toBeDefined();
    expect(group.group).toMatchObject({ matching: 1 });
    const inside = expectOk<Page>(await core.call('auditlog.group', { studentId: student.id, bulk: group.group!.bulk, seq: group.seq, page: 1, pageSize: 50 }));
    expect(inside.entries.map((e) => `${e.action} ${e.entityId}`)).toEqual([`import ${student.id}`]);

    // By type: only the category's events of the group.
    const created = expectOk<Page>(await core.call('auditlog.list', { categories: ['create'], page: 1, pageSize: 50 }));
    expect(created.entries.find((e) => e.group)?.group).toMatchObject({ rows: 14, matching: 14 });
    const signIns = expectOk<Page>(await core.call('auditlog.list', { categories: ['sign-in'], page: 1, pageSize: 50 }));
    expect(signIns.entries.some((e) => e.group)).toBe(false);

    // By person: the admin did the import.
    const admin = expectOk(await core.call('auditlog.actors', {}))[0]!;
    const byAdmin = expectOk<Page>(await core.call('auditlog.list', { actorId: admin.id, page: 1, pageSize: 50 }));
    expect(byAdmin.entries.find((e) => e.group)?.group).toMatchObject({ rows: 14, matching: 14 });
  });

  it('the export writes the group line, then its rows indented with the group column', async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    await importRoster(core, 4);
    const out = expectOk(await core.call('auditlog.export', {}));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('审计日志')!;
    const lines: string[][] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = lines[0]!;
    const action = header.indexOf('操作');
    const groupColumn = header.indexOf('批量操作');
    const at = lines.findIndex((l) => l[action]!.startsWith('▼ 导入花名册：'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at]![action]).toContain('新增 4');
    expect(lines[at]![groupColumn]).toContain('共 6 条记录');
    const members = lines.slice(at + 1, at + 7);
    expect(members.every((l) => l[action]!.startsWith('　　') && l[groupColumn]!.startsWith('属于：导入花名册'))).toBe(true);
    expect(lines[at + 7]?.[groupColumn] ?? '').toBe('');
    // Row count is the events, not the group lines.
    expect(out.rows).toBe(lines.length - 2);
  });
});

describe('the workstation has a name in the audit log', () => {
  it('named at setup, renamed by the admin, shown instead of 本工作站 in the list and the export; never unset', async () => {
    const made = makeCore();
    expectOk(
      await made.core.call('setup.initialize', {
        schoolName: '测试学院',
        workstationName: '1号工作站',
        admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD },
        adminIsDirector: true,
      }),
    );
    const { core } = made;
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
    expect(getWorkstationName(core.vault.requireStore().db)).toBe('1号工作站');
    expect(expectOk(await core.call('settings.get', {})).workstationName).toBe('1号工作站');
    const page = expectOk<Page>(await core.call('auditlog.list', { page: 1, pageSize: 50 }));
    expect(page.entries.map((e) => `${e.workstationId}:${auditWorkstationLabel(e, 'zh-CN')}`).filter((s) => !s.endsWith(':1号工作站'))).toEqual([]);

    expectOk(await core.call('settings.update', { workstationName: '  咨询室电脑  ' }));
    expect(getWorkstationName(core.vault.requireStore().db)).toBe('咨询室电脑');
    // A blank name is refused, nothing changed.
    expect((await core.call('settings.update', { workstationName: '   ' })).ok).toBe(false);
    expect(getWorkstationName(core.vault.requireStore().db)).toBe('咨询室电脑');

    const out = expectOk(await core.call('auditlog.export', {}));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('审计日志')!;
    const column = (sheet.getRow(1).values as string[]).indexOf('工作站');
    const names = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && names.add(String(row.getCell(column).value)));
    expect([...names]).toEqual(['咨询室电脑']);
  });

  it('without a name: 本工作站, and the getter says null', async () => {
    const { core } = await setUpCore();
    expect(getWorkstationName(core.vault.requireStore().db)).toBeNull();
    const page = expectOk<Page>(await core.call('auditlog.list', { page: 1, pageSize: 5 }));
    expect(page.entries[0]!.workstationName).toBeUndefined();
    expect(auditWorkstationLabel(page.entries[0]!, 'zh-CN')).toBe('本工作站');
    expect(auditWorkstationLabel({ workstationId: 'unset', thisWorkstation: false }, 'en')).toBe('Unnamed workstation');
  });
});

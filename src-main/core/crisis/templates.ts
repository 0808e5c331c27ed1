import { randomUUID } from 'node:crypto';
import { desc } from 'drizzle-orm';
import { crisisTemplateDefinitionSchema, type CrisisTemplate, type CrisisTemplateDefinition } from '../../../src-shared/contract/crisis';
import { AppError } from '../../../src-shared/contract/errors';
import { ROLES } from '../../../src-shared/permissions';
import type { Db, WriteContext } from '../store/unit-of-work';
import { readCrisisLevels } from '../settings/crisis-levels';
import { DEFAULT_DISCOVERY_GRACE_MINUTES } from './timers';
import { crisisTemplates } from '../store/schema/crisis';

const DAY = 24 * 60;

/** The default protocol of CRISIS.md; dueMinutes count from discovery (T0), null = ongoing. */
export const DEFAULT_CRISIS_TEMPLATE: CrisisTemplateDefinition = {
  steps: [
    { key: 'discovery', title: '发现：有人陪护学生；记录来源与所见；完成或记录 C-SSRS 筛查', ownerRole: 'counselor', dueMinutes: 0, levels: [] },
    { key: 'report', title: '报告值班咨询师和院系负责人（首接负责制）', ownerRole: 'counselor', dueMinutes: 10, levels: [] },
    {
      key: 'assess',
      title: '中心评估并确定风险级别；如危险紧迫，拨打 120/110 并护送至精神科急诊（记录医院、护送人、时间）',
      ownerRole: 'counselor',
      dueMinutes: 120,
      levels: [],
    },
    {
      key: 'guardian',
      title: '通知监护人（对象、方式、时间、内容、依据）；如随家人离校，签署监护人交接单',
      ownerRole: 'counselor',
      dueMinutes: DAY,
      levels: [],
    },
    { key: 'department', title: '告知学生所在院系', ownerRole: 'liaison', dueMinutes: DAY, levels: [] },
    { key: 'leadership', title: '向学校心理危机干预领导小组通报', ownerRole: 'director', dueMinutes: DAY, levels: ['1'] },
    { key: 'safety_plan', title: '与学生共同制定安全计划', ownerRole: 'counselor', dueMinutes: DAY, levels: [] },
    { key: 'referral', title: '出具医院转介函', ownerRole: 'counselor', dueMinutes: 3 * DAY, levels: [] },
    { key: 'consent', title: '取得学生/监护人同意共享信息的书面意见', ownerRole: 'counselor', dueMinutes: 3 * DAY, levels: [] },
    { key: 'case_conference', title: '召开个案研讨会，决定在校监护或休学', ownerRole: 'director', dueMinutes: 3 * DAY, levels: [] },
    {
      key: 'followup',
      title: '按级别频次持续随访；落实看护人（宿舍、心理委员、辅导员）；每次接触重新评估风险',
      ownerRole: 'counselor',
      dueMinutes: null,
      levels: [],
    },
    {
      key: 'leave_return',
      title: '休学与复学：休学申请记录；复学需医院证明、中心复学评估、监护人承诺书和支持方案；复学后至少 4 周每周回访',
      ownerRole: 'counselor',
      dueMinutes: null,
      levels: [],
    },
    { key: 'postvention', title: '事后干预：筛查密切同伴（室友、同学），预防危机传染；团体减压', ownerRole: 'counselor', dueMinutes: null, levels: [] },
    { key: 'closure', title: '结案：总结、依据及审批人', ownerRole: 'director', dueMinutes: null, levels: [] },
  ],
  discoveryGraceMinutes: DEFAULT_DISCOVERY_GRACE_MINUTES,
};

export const DEFAULT_TEMPLATE_NAME = '默认危机干预流程';

type TemplateRow = typeof crisisTemplates.$inferSelect;

function toTemplate(row: TemplateRow): CrisisTemplate {
  return { id: row.id, version: row.version, name: row.name, definition: row.definition, createdBy: row.createdBy, createdAt: row.createdAt };
}

export function listTemplates(db: Db): CrisisTemplate[] {
  return db.select().from(crisisTemplates).orderBy(desc(crisisTemplates.version)).all().map(toTemplate);
}

function latest(db: Db): TemplateRow | undefined {
  return db.select().from(crisisTemplates).orderBy(desc(crisisTemplates.version)).limit(1).get();
}

/** The newest version; the default is written as version 1 the first time it is needed (not by a migration). */
export function currentTemplate(tx: WriteContext, at: string): TemplateRow {
  const row = latest(tx.db);
  if (row) return row;
  return tx.insert(
    crisisTemplates,
    { id: randomUUID(), version: 1, name: DEFAULT_TEMPLATE_NAME, definition: DEFAULT_CRISIS_TEMPLATE, createdBy: null, createdAt: at },
    { details: { version: 1, seeded: true } },
  );
}

/** Checks what the schema cannot: unique step keys, known roles, known level keys. */
export function checkDefinition(db: Db, definition: CrisisTemplateDefinition): CrisisTemplateDefinition {
  const parsed = crisisTemplateDefinitionSchema.parse(definition);
  const keys = parsed.steps.map((step) => step.key);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate) throw new AppError('VALIDATION', { reason: 'crisisDuplicateStepKey', key: duplicate });
  const role = parsed.steps.find((step) => !(ROLES as readonly string[]).includes(step.ownerRole));
  if (role) throw new AppError('VALIDATION', { reason: 'crisisUnknownRole', role: role.ownerRole });
  const known = readCrisisLevels(db).map((level) => level.key);
  const level = parsed.steps.flatMap((step) => step.levels).find((key) => !known.includes(key));
  if (level) throw new AppError('VALIDATION', { reason: 'crisisUnknownLevel', level });
  return parsed;
}

/** Saving never edits a version: it adds the next one. */
export function saveTemplate(tx: WriteContext, input: { name?: string; definition: CrisisTemplateDefinition }, at: string): CrisisTemplate {
  const definition = checkDefinition(tx.db, input.definition);
  const previous = currentTemplate(tx, at);
  const version = previous.version + 1;
  const row = tx.insert(
    crisisTemplates,
    { id: randomUUID(), version, name: input.name ?? previous.name, definition, createdBy: tx.actor.accountId, createdAt: at },
    { details: { version, steps: definition.steps.length } },
  );
  return toTemplate(row);
}

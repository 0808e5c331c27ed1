/**
 * Built-in words the store keeps in Chinese because they were seeded that way: the default crisis
 * level scheme (一级/二级/三级) and the default crisis template's steps and name. In English mode
 * they are shown in English, but only while the stored text is still the built-in one: a level or
 * step the school renamed is the school's own text and shows as entered, in either language.
 *
 * The Chinese side must equal the seeds exactly (DEFAULT_CRISIS_LEVELS, DEFAULT_CRISIS_TEMPLATE):
 * tests/unit/core/builtin-words.test.ts checks it, so a reworded seed cannot silently lose its
 * English.
 */
export type WordsLanguage = 'zh-CN' | 'en' | string;
type Pair = readonly [zh: string, en: string];

/** Default crisis levels by key. */
export const BUILT_IN_LEVEL_LABELS: Record<string, Pair> = {
  '1': ['一级', 'Level 1'],
  '2': ['二级', 'Level 2'],
  '3': ['三级', 'Level 3'],
};

/** The default crisis template's steps by key. */
export const BUILT_IN_STEP_TITLES: Record<string, Pair> = {
  discovery: [
    '发现：有人陪护学生；记录来源与所见；完成或记录 C-SSRS 筛查',
    'Discovery: someone stays with the student; record the source and what was seen; do or record a C-SSRS screen',
  ],
  report: ['报告值班咨询师和院系负责人（首接负责制）', 'Report to the counselor on duty and the department head (first contact takes charge)'],
  assess: [
    '中心评估并确定风险级别；如危险紧迫，拨打 120/110 并护送至精神科急诊（记录医院、护送人、时间）',
    'The center assesses and sets the risk level; if danger is imminent, call 120/110 and escort to psychiatric emergency (record hospital, escort, time)',
  ],
  guardian: [
    '通知监护人（对象、方式、时间、内容、依据）；如随家人离校，签署监护人交接单',
    'Notify the guardian (who, how, when, what, on what basis); if the student leaves with family, sign the guardian hand-over form',
  ],
  department: ['告知学生所在院系', "Inform the student's department"],
  leadership: ['向学校心理危机干预领导小组通报', "Notify the school's crisis-intervention leadership group"],
  safety_plan: ['与学生共同制定安全计划', 'Make a safety plan together with the student'],
  referral: ['出具医院转介函', 'Write the hospital referral letter'],
  consent: ['取得学生/监护人同意共享信息的书面意见', "Obtain the student's/guardian's written consent to share information"],
  case_conference: ['召开个案研讨会，决定在校监护或休学', 'Hold a case conference: supervision at school or leave of absence'],
  followup: [
    '按级别频次持续随访；落实看护人（宿舍、心理委员、辅导员）；每次接触重新评估风险',
    'Follow up at the level’s frequency; arrange watchers (dorm, peer counselor, department counselor); reassess the risk at every contact',
  ],
  leave_return: [
    '休学与复学：休学申请记录；复学需医院证明、中心复学评估、监护人承诺书和支持方案；复学后至少 4 周每周回访',
    'Leave and return: record the leave application; return needs a hospital certificate, the center’s return assessment, the guardian’s pledge and a support plan; weekly check-ins for at least 4 weeks after return',
  ],
  postvention: [
    '事后干预：筛查密切同伴（室友、同学），预防危机传染；团体减压',
    'Postvention: screen close peers (roommates, classmates) to prevent contagion; group debriefing',
  ],
  closure: ['结案：总结、依据及审批人', 'Closure: summary, grounds and approver'],
};

export const BUILT_IN_TEMPLATE_NAME: Pair = ['默认危机干预流程', 'Default crisis-intervention procedure'];

const isEnglish = (language: WordsLanguage) => language.startsWith('en');

/** A level's label: the English built-in one when the stored label is still the default Chinese. */
export function levelLabel(level: { key: string; label: string }, language: WordsLanguage): string {
  const builtIn = BUILT_IN_LEVEL_LABELS[level.key];
  return isEnglish(language) && builtIn && level.label === builtIn[0] ? builtIn[1] : level.label;
}

/**
 * A step's title: English when unchanged from the default template. Without a key (lists that
 * carry only the title) the title itself is looked up among the defaults.
 */
export function stepTitle(step: { key?: string; title: string }, language: WordsLanguage): string {
  if (!isEnglish(language)) return step.title;
  const candidates = step.key !== undefined ? [BUILT_IN_STEP_TITLES[step.key]] : Object.values(BUILT_IN_STEP_TITLES);
  return candidates.find((pair) => pair && pair[0] === step.title)?.[1] ?? step.title;
}

export function templateName(name: string, language: WordsLanguage): string {
  return isEnglish(language) && name === BUILT_IN_TEMPLATE_NAME[0] ? BUILT_IN_TEMPLATE_NAME[1] : name;
}

/** The center's default note sections (src-main/core/notes/note-template.ts) by id. */
export const BUILT_IN_NOTE_SECTIONS: Record<string, Pair> = {
  chief_complaint: ['主诉', 'Presenting concern'],
  process: ['咨询过程', 'Session process'],
  assessment: ['评估', 'Assessment'],
  plan: ['计划', 'Plan'],
};

/** A note section's heading: English when it is still the default one. */
export function noteSectionLabel(section: { id: string; label: string }, language: WordsLanguage): string {
  const builtIn = BUILT_IN_NOTE_SECTIONS[section.id];
  return isEnglish(language) && builtIn && section.label === builtIn[0] ? builtIn[1] : section.label;
}

const OUTCOME_WORDS: Record<string, string> = { 无需跟进: 'no follow-up needed', 继续观察: 'keep watching', 重点关注: 'key attention', 危机: 'crisis' };

/**
 * Reasons the core writes by itself when it puts a student on the key-attention list (from a crisis
 * event, from an interview outcome): their fixed words in English; the parts people typed (a batch's
 * name, a reason given) stay as entered. Any other text is the person's own and is returned as it is.
 */
export function systemReason(text: string, language: WordsLanguage): string {
  if (!isEnglish(language)) return text;
  const crisis = /^危机事件 (\S+?)(?:：([\s\S]*))?$/.exec(text);
  if (crisis) return `Crisis event ${crisis[1]}${crisis[2] !== undefined ? `: ${crisis[2]}` : ''}`;
  const changed = /^([\s\S]*)：约谈结论改为「(无需跟进|继续观察|重点关注|危机)」：([\s\S]*)$/.exec(text);
  if (changed) return `${changed[1]}: interview outcome changed to "${OUTCOME_WORDS[changed[2]]}": ${changed[3]}`;
  const outcome = /^([\s\S]*)：约谈结论「(重点关注|危机)」$/.exec(text);
  if (outcome) return `${outcome[1]}: interview outcome "${OUTCOME_WORDS[outcome[2]]}"`;
  return text;
}

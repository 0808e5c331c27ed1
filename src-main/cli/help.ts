import { language } from './messages';

/**
 * `counsel --help` and `counsel <command> --help`, in the administrator's language: Chinese when
 * COUNSEL_LOCALE / LC_ALL / LANG says zh, else English. Flags and command names are the same in
 * both (they are the public interface); only the explanations are translated.
 */
interface CommandHelp {
  usage: string[];
  en: string;
  zh: string;
}

export const COMMAND_HELP: Record<string, CommandHelp> = {
  init: {
    usage: ['counsel init --school NAME --admin USER [--display-name N] [--roles admin,director]'],
    en: 'Set up a new data folder with its first administrator. Password: COUNSEL_PASSWORD or a prompt. Prints the recovery code once.',
    zh: '初始化新的数据目录并创建第一个管理员。密码取自 COUNSEL_PASSWORD，或在提示时输入。恢复密钥只打印这一次。',
  },
  status: {
    usage: ['counsel status'],
    en: 'JSON: schema version, record counts, whether the store is encrypted. No sign-in needed.',
    zh: '输出 JSON：数据库版本、记录数量、是否加密。无需登录。',
  },
  call: {
    usage: ['counsel call CHANNEL [JSON]'],
    en: 'Call one channel of the core as COUNSEL_USER / COUNSEL_PASSWORD (see `counsel channels`).',
    zh: '以 COUNSEL_USER / COUNSEL_PASSWORD 的身份调用核心的一个通道（通道列表见 `counsel channels`）。',
  },
  channels: {
    usage: ['counsel channels'],
    en: 'Every channel with its input schema, as JSON.',
    zh: '以 JSON 列出所有通道及其输入格式。',
  },
  audit: {
    usage: ['counsel audit verify'],
    en: "Check the audit log's hash chain. Exit 0 intact, 1 broken.",
    zh: '校验审计日志的哈希链。完整时退出码 0，断裂时 1。',
  },
  roster: {
    usage: ['counsel roster import --file F [--mapping JSON]'],
    en: 'Import the student roster from .xlsx or .csv (UTF-8 or GBK). JSON: rows, created, updated, unchanged, rejected.',
    zh: '从 .xlsx 或 .csv（UTF-8 或 GBK）导入学生花名册。输出 JSON：rows、created、updated、unchanged、rejected。',
  },
  network: {
    usage: ['counsel network import --file F'],
    en: 'Import the work network register (the mental-health network of staff and student contacts) from .xlsx or .csv, checked as in the app (template: network.template). JSON: rows, created, updated, unchanged, rejected.',
    zh: '从 .xlsx 或 .csv 导入工作网络登记表，检查规则与应用中相同（模板：network.template）。输出 JSON：rows、created、updated、unchanged、rejected。',
  },
  census: {
    usage: ['counsel census import --batch NAME --file F [--instruments scl90,upi] [--create-students]'],
    en: 'Import a screening census file into a batch; alerts are raised as in the app.',
    zh: '把普查数据文件导入一个普查批次；预警与应用中一样生成。',
  },
  score: {
    usage: ['counsel score --instrument ID --responses JSON [--options JSON]'],
    en: 'Score one questionnaire without storing anything (e.g. --instrument phq9 --responses [2,2,1,1,1,1,1,0,1]).',
    zh: '为一份问卷计分，不保存任何数据（例如 --instrument phq9 --responses [2,2,1,1,1,1,1,0,1]）。',
  },
  export: {
    usage: ['counsel export run [--profile full|departments|statistics] [--to DIR|URL]', 'counsel export receipts --file F'],
    en: 'run: send what the school server has not acknowledged (exit 1 when the destination is absent; kept for next time). receipts: mark ranges acknowledged from a receipt file.',
    zh: 'run：发送学校服务器尚未确认的数据（目标不可用时退出码 1，数据留待下次发送）。receipts：按回执文件标记已确认的范围。',
  },
  backup: {
    usage: ['counsel backup create --to DIR', 'counsel backup verify FILE [--deep]', 'counsel backup restore FILE --data-dir D'],
    en: 'create: an encrypted backup (admin). verify: checksums; --deep (or COUNSEL_RECOVERY_CODE / COUNSEL_USER+PASSWORD) also the seal, the database and the audit chain. restore: into a new, empty data folder.',
    zh: 'create：制作加密备份（管理员）。verify：校验校验和；加 --deep（或设置 COUNSEL_RECOVERY_CODE / COUNSEL_USER+PASSWORD）时还校验封印、数据库和审计链。restore：恢复到新的空数据目录。',
  },
};

const TEXT = {
  title: { en: 'counsel — command line for 心理辅导与危机干预工作台', zh: 'counsel —— 心理辅导与危机干预工作台的命令行工具' },
  dataDir: {
    en: "Every command takes --data-dir D (default: COUNSEL_DATA_DIR or the app's data folder).",
    zh: '每个命令都接受 --data-dir D（默认：COUNSEL_DATA_DIR，或应用的数据目录）。',
  },
  exitCodes: {
    en: 'Exit codes: 0 ok, 1 failed, 2 invalid input, 3 authentication failed, 4 permission denied.',
    zh: '退出码：0 成功，1 失败，2 输入无效，3 身份验证失败，4 无权限。',
  },
  more: {
    en: '`counsel COMMAND --help` explains one command. Language: COUNSEL_LOCALE=zh-CN|en (else LC_ALL / LANG).',
    zh: '`counsel 命令 --help` 查看单个命令的说明。语言：COUNSEL_LOCALE=zh-CN|en（否则按 LC_ALL / LANG）。',
  },
};

/** The overview: every command with its usage and one line each. */
export function generalHelp(env: NodeJS.ProcessEnv = process.env): string {
  const lang = language(env);
  const lines = Object.values(COMMAND_HELP).flatMap((entry) => entry.usage.map((usage) => `  ${usage}`));
  return [TEXT.title[lang], '', ...lines, '', TEXT.dataDir[lang], TEXT.exitCodes[lang], TEXT.more[lang]].join('\n');
}

/** One command's help; the overview for an unknown command. */
export function commandHelp(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const entry = COMMAND_HELP[name];
  if (!entry) return generalHelp(env);
  const lang = language(env);
  return [...entry.usage.map((usage) => `  ${usage}`), '', entry[lang], '', TEXT.dataDir[lang], TEXT.exitCodes[lang]].join('\n');
}

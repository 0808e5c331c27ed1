import type { SerializedError } from '../../src-shared/contract/errors';

/**
 * One readable line for an error code, in the administrator's language (LANG=zh* gives
 * Chinese). The JSON on stderr carries the code and details for scripts.
 */
const MESSAGES: Record<string, { en: string; zh: string }> = {
  LOCKED: { en: 'The store is locked.', zh: '数据库已锁定。' },
  UNAUTHENTICATED: { en: 'Sign-in failed: wrong username or password.', zh: '登录失败：用户名或密码错误。' },
  FORBIDDEN: { en: 'This account may not do that.', zh: '当前账号无此权限。' },
  VALIDATION: { en: 'The input is not valid.', zh: '输入内容不符合要求。' },
  NOT_FOUND: { en: 'Not found.', zh: '未找到。' },
  CONFLICT: { en: 'This conflicts with existing data.', zh: '与现有数据冲突。' },
  THROTTLED: { en: 'Too many failed attempts; wait and try again.', zh: '失败次数过多，请稍后再试。' },
  PASSWORD_CHANGE_REQUIRED: { en: 'This account must change its password first (sign in to the app).', zh: '该账号须先修改密码（请在应用中登录）。' },
  NOT_INITIALIZED: { en: 'This data folder is not set up yet: run `counsel init`.', zh: '该数据目录尚未初始化，请先运行 `counsel init`。' },
  ALREADY_INITIALIZED: { en: 'This data folder is already set up.', zh: '该数据目录已初始化。' },
  KEYRING_INVALID: {
    en: 'The key ring is missing, damaged, or does not belong to this database. Nothing was changed.',
    zh: '密钥环缺失、损坏或与数据库不匹配。未做任何修改。',
  },
  DATABASE_INVALID: { en: 'The database file is missing or unreadable. Nothing was changed.', zh: '数据库文件缺失或无法读取。未做任何修改。' },
  SCHEMA_TOO_NEW: { en: 'This database was written by a newer version of the app. Nothing was changed.', zh: '该数据库由更新版本的程序创建，未做任何修改。' },
  INTERNAL: { en: 'Internal error.', zh: '内部错误。' },
  USAGE: { en: 'Usage error.', zh: '用法错误。' },
};

/** Finer messages for reasons a script user meets often; `{x}` takes details.x. */
const REASONS: Record<string, { en: string; zh: string }> = {
  UNKNOWN_INSTRUMENT: { en: 'Unknown instrument "{instrument}". Known: {known}.', zh: '未知量表“{instrument}”。可用：{known}。' },
  WRONG_LENGTH: { en: '{instrument} needs {expected} answers, got {actual}.', zh: '{instrument} 需要 {expected} 个答案，实际 {actual} 个。' },
  OUT_OF_RANGE: { en: 'Item {item} of {instrument}: {value} is outside {min}-{max}.', zh: '{instrument} 第 {item} 题：{value} 超出 {min}-{max} 范围。' },
  NOT_AN_INTEGER: { en: 'Item {item} of {instrument}: {value} is not a whole number.', zh: '{instrument} 第 {item} 题：{value} 不是整数。' },
  NOT_A_NUMBER: { en: 'Item {item} of {instrument}: not a number.', zh: '{instrument} 第 {item} 题：不是数字。' },
  NOT_AN_ARRAY: { en: 'Responses must be a JSON array in item order.', zh: '答案须为按题号排列的 JSON 数组。' },
  inputNotJson: { en: 'The input is not valid JSON.', zh: '输入不是有效的 JSON。' },
  inputNotObject: { en: 'The input must be a JSON object (use {} for none), not null.', zh: '输入须为 JSON 对象（无参数时用 {}），不能是 null。' },
  databaseEmpty: {
    en: 'The database file (counsel.db) is empty (0 bytes): nothing was changed. Restore it from a backup.',
    zh: '数据库文件（counsel.db）为空（0 字节），未做任何修改。请从备份恢复。',
  },
  fileUnreadable: { en: 'Cannot read the file {file}.', zh: '无法读取文件 {file}。' },
  unreadableFile: { en: 'The file is not a readable .xlsx or .csv.', zh: '文件不是可读取的 .xlsx 或 .csv。' },
  fileEncodingMismatch: {
    en: 'Read as {encoding}, most of the file cannot be read: it is probably {suggested}. Save it as {suggested} (or .xlsx) and import again.',
    zh: '按 {encoding} 编码读取时文件大部分内容无法识别，可能是 {suggested} 编码：请另存为 {suggested} 编码（或 .xlsx）后重新导入。',
  },
  tooManyRows: {
    en: 'The file has more than {limit} rows: nothing was imported. Split it into several files.',
    zh: '文件超过 {limit} 行的上限，未导入。请拆分成多个文件分批导入。',
  },
  unsupportedFileType: { en: 'Only .xlsx and .csv files can be imported.', zh: '只能导入 .xlsx 或 .csv 文件。' },
  mappingNeedsStudentNo: { en: 'No column is mapped to 学号 (student number): pass --mapping.', zh: '没有列对应“学号”，请用 --mapping 指定。' },
  censusInstrumentNotInBatch: { en: 'The batch does not include {instruments}.', zh: '该批次不包含量表 {instruments}。' },
  censusItemColumnsMissing: {
    en: 'The file lacks item columns for {instrument} ({found} of {expected}).',
    zh: '文件中 {instrument} 的题目列不全（应有 {expected} 列，找到 {found} 列）。',
  },
  noCredentials: { en: 'Set COUNSEL_USER and COUNSEL_PASSWORD to sign in.', zh: '请设置 COUNSEL_USER 和 COUNSEL_PASSWORD 以登录。' },
  storeBusy: {
    en: 'The store stayed busy (the app or another command was writing) for 10 seconds: nothing was changed. Try again.',
    zh: '数据库持续忙碌（应用或其他命令正在写入）超过 10 秒，未做任何修改。请稍后重试。',
  },
  diskFull: { en: 'The disk is full: nothing was saved. Free some space and try again.', zh: '磁盘空间已满，未保存任何内容。请清理磁盘空间后重试。' },
  backupChecksumFailed: { en: 'The backup is damaged (checksum mismatch): nothing was restored.', zh: '备份文件已损坏（校验和不符），未做任何恢复。' },
  backupTargetNotEmpty: {
    en: 'The target data folder already holds a store: restore only into an empty folder.',
    zh: '目标数据目录中已有数据库：只能恢复到空目录。',
  },
  backupWrongRecoveryCode: { en: 'The recovery key does not open this backup.', zh: '恢复密钥无法打开此备份。' },
  backupWrongPassword: { en: 'The username or password does not open this backup.', zh: '用户名或密码无法打开此备份。' },
  backupAuditBroken: { en: "The backup's audit chain does not verify: nothing was restored.", zh: '备份中的审计日志链校验失败，未做任何恢复。' },
  backupNotAuthentic: {
    en: 'The backup was changed after it was made (its seal does not match): nothing was restored.',
    zh: '备份在制作后被改动过（封印不符），未做任何恢复。',
  },
  backupDatabaseDamaged: {
    en: 'The database in the backup is damaged (integrity check failed): nothing was restored.',
    zh: '备份中的数据库已损坏（完整性检查未通过），未做任何恢复。',
  },
  backupFolderMissing: { en: 'The folder {folder} does not exist or is not reachable.', zh: '文件夹 {folder} 不存在或无法访问。' },
};

function fill(template: string, details: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = details[key];
    return Array.isArray(value) ? value.join(', ') : String(value ?? '?');
  });
}

export function language(env: NodeJS.ProcessEnv = process.env): 'zh' | 'en' {
  // COUNSEL_LOCALE forces it (as for the app); then the usual locale variables, LC_ALL first.
  return /^zh/i.test(env.COUNSEL_LOCALE || env.COUNSEL_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'zh' : 'en';
}

export function describeError(error: SerializedError | { code: 'USAGE'; details: Record<string, unknown> }): string {
  const specific = typeof error.details.reason === 'string' ? REASONS[error.details.reason] : undefined;
  if (specific) return fill(specific[language()], error.details);
  const entry = MESSAGES[error.code] ?? MESSAGES.INTERNAL;
  const reason = typeof error.details.reason === 'string' ? ` (${error.details.reason})` : '';
  return `${entry[language()]}${reason}`;
}

import { commonErrorsEn } from '../i18n/modules/common-errors.en';
import { commonErrorsZhCN } from '../i18n/modules/common-errors.zh-CN';

/**
 * The few texts the lock screen shows, in both languages, without the full resources (i18next, the
 * language chunks): the start-up script carries only these (issue 19 goal 4). Each text equals the
 * full resources' text under the same key (tests/renderer/lock-texts.test.tsx).
 */
export const LOCK_LANGUAGES = ['zh-CN', 'en'] as const;
export type LockLanguage = (typeof LOCK_LANGUAGES)[number];

const zhCN = {
  'app.title': '心理辅导与危机干预工作台',
  'app.version': '版本 {{version}}',
  'app.loading': '正在加载…',
  'language.label': '界面语言',
  'language.zh-CN': '简体中文',
  'language.en': 'English',
  'lock.title': '工作站已锁定',
  'lock.intro': '请登录以继续。',
  'lock.signIn': '登录',
  'lock.forgot': '忘记密码？使用恢复密钥',
  'lock.lockedIdle': '由于长时间未操作，工作站已自动锁定。',
  'lock.wait': '请等待 {{seconds}} 秒后再试。',
  'lock.showPassword': '显示密码',
  'lock.hidePassword': '隐藏密码',
  'setup.confirm.done': '设置完成，请用刚才创建的管理员账号登录。',
  'fields.username': '用户名',
  'fields.password': '密码',
  'validation.required': '请填写此项。',
  'validation.tooShort': '至少需要 {{min}} 个字符。',
  'validation.tooLong': '最多 {{max}} 个字符。',
  'validation.passwordTooShort': '密码至少需要 {{min}} 个字符。',
  'validation.invalidFormat': '格式不正确。',
  'validation.invalid': '输入不正确。',
  'validation.messages.usernameChars': '用户名只能包含英文字母、数字、点、下划线和连字符。',
  'errors.codes.LOCKED': '工作站已锁定，请重新登录。',
  'errors.codes.UNAUTHENTICATED': '尚未登录或登录已失效。',
  'errors.codes.FORBIDDEN': '您没有执行此操作的权限。',
  'errors.codes.VALIDATION': '输入有误，请检查标出的内容。',
  'errors.codes.NOT_FOUND': '未找到相应的记录。',
  'errors.codes.CONFLICT': '此操作与当前状态冲突。',
  'errors.codes.THROTTLED': '尝试次数过多。请等待 {{seconds}} 秒后再试。',
  'errors.codes.PASSWORD_CHANGE_REQUIRED': '请先修改初始密码。',
  'errors.codes.NOT_INITIALIZED': '工作站尚未完成首次设置。',
  'errors.codes.ALREADY_INITIALIZED': '工作站已经设置过了。',
  'errors.codes.KEYRING_INVALID': '密钥文件无效，无法打开数据库。',
  'errors.codes.DATABASE_INVALID': '数据库文件无效，无法打开。',
  'errors.codes.SCHEMA_TOO_NEW': '数据库来自更新版本的程序，请先升级本程序。',
  'errors.codes.CANCELLED': '操作已取消，没有做任何修改。',
  'errors.codes.INTERNAL': '发生内部错误，请重试。如果问题持续出现，请联系管理员。',
} as const;

export type LockTextKey = keyof typeof zhCN;

const en: Record<LockTextKey, string> = {
  'app.title': 'Counseling and Crisis Intervention Workstation',
  'app.version': 'Version {{version}}',
  'app.loading': 'Loading…',
  'language.label': 'Language',
  'language.zh-CN': '简体中文',
  'language.en': 'English',
  'lock.title': 'Workstation locked',
  'lock.intro': 'Sign in to continue.',
  'lock.signIn': 'Sign in',
  'lock.forgot': 'Forgot password? Use the recovery key',
  'lock.lockedIdle': 'The workstation was locked after a period of inactivity.',
  'lock.wait': 'Please wait {{seconds}} s before trying again.',
  'lock.showPassword': 'Show password',
  'lock.hidePassword': 'Hide password',
  'setup.confirm.done': 'Setup is complete. Sign in with the administrator account you just created.',
  'fields.username': 'Username',
  'fields.password': 'Password',
  'validation.required': 'Please fill this in.',
  'validation.tooShort': 'At least {{min}} characters.',
  'validation.tooLong': 'At most {{max}} characters.',
  'validation.passwordTooShort': 'The password needs at least {{min}} characters.',
  'validation.invalidFormat': 'The format is not valid.',
  'validation.invalid': 'This value is not valid.',
  'validation.messages.usernameChars': 'Usernames may contain only letters, digits, dots, underscores and hyphens.',
  'errors.codes.LOCKED': 'The workstation is locked. Please sign in again.',
  'errors.codes.UNAUTHENTICATED': 'You are not signed in, or your session has ended.',
  'errors.codes.FORBIDDEN': 'You do not have permission to do this.',
  'errors.codes.VALIDATION': 'Some input is not valid. Please check the marked fields.',
  'errors.codes.NOT_FOUND': 'The record was not found.',
  'errors.codes.CONFLICT': 'This conflicts with the current state.',
  'errors.codes.THROTTLED': 'Too many attempts. Please wait {{seconds}} s before trying again.',
  'errors.codes.PASSWORD_CHANGE_REQUIRED': 'Please change your initial password first.',
  'errors.codes.NOT_INITIALIZED': 'The workstation has not been set up yet.',
  'errors.codes.ALREADY_INITIALIZED': 'The workstation has already been set up.',
  'errors.codes.KEYRING_INVALID': 'The key file is not valid; the database cannot be opened.',
  'errors.codes.DATABASE_INVALID': 'The database file is not valid and cannot be opened.',
  'errors.codes.SCHEMA_TOO_NEW': 'The database comes from a newer version of this app. Please upgrade first.',
  'errors.codes.CANCELLED': 'The operation was cancelled; nothing was changed.',
  'errors.codes.INTERNAL': 'An internal error occurred. Please try again; if it persists, contact your administrator.',
};

export const LOCK_TEXTS: Record<LockLanguage, Record<LockTextKey, string>> = { 'zh-CN': zhCN, en };

/** The reasons the lock screen can meet (sign-in, keys and store, the bridge): the common ones. */
const REASONS: Record<LockLanguage, Record<string, string>> = { 'zh-CN': commonErrorsZhCN, en: commonErrorsEn };

export type LockT = (key: LockTextKey, values?: Record<string, string | number>) => string;

/** `{{name}}` placeholders filled from `values` (data, never markup: React escapes it). */
function fill(text: string, values: Record<string, unknown> = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}

export function lockT(language: LockLanguage): LockT {
  return (key, values) => fill(LOCK_TEXTS[language][key], values);
}

/** A reason's text when the lock screen has one (with its details filled in), else null. */
export function reasonText(language: LockLanguage, reason: unknown, details: Record<string, unknown>): string | null {
  if (typeof reason !== 'string' || !Object.prototype.hasOwnProperty.call(REASONS[language], reason)) return null;
  return fill(REASONS[language][reason], details);
}

export function isLockLanguage(value: unknown): value is LockLanguage {
  return typeof value === 'string' && (LOCK_LANGUAGES as readonly string[]).includes(value);
}

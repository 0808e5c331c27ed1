import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import type { SessionInfo } from '../../src-shared/contract';
import { useCountdown } from '../hooks/useCountdown';
import { invoke, LockCallError } from '../lock/bridge';
import { Icon, type IconName } from '../lock/icons';
import { LOCK_LANGUAGES, LOCK_TEXTS, lockT, reasonText, type LockLanguage, type LockT, type LockTextKey } from '../lock/texts';

export type LockNotice = { kind: 'idle' } | { kind: 'manual' } | { kind: 'setupDone' } | null;

type Field = 'username' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

/**
 * The lock screen is the front door and the first thing every start shows, so it is drawn with
 * plain elements and styles.css (antd's look), its texts from lock/texts.ts and its call through
 * lock/bridge.ts: no antd, query library, zod or i18next before the password field can be used
 * (issue 19 goal 4). The main window's code loads meanwhile (main.tsx).
 */
export function LockScreen({
  notice,
  initialUsername,
  version,
  language,
  onLanguage,
  onSignedIn,
  onForgot,
  submitTyped,
}: {
  notice: LockNotice;
  initialUsername?: string;
  version?: string;
  language: LockLanguage;
  onLanguage: (language: LockLanguage) => void;
  /** May return a promise (the main window's code still loading): the button stays busy until then. */
  onSignedIn: (session: SessionInfo) => void | Promise<void>;
  onForgot: () => void;
  /** Sign in with what the fields hold: a sign-in was asked for on the prerendered page before React ran (lock/Startup.tsx). */
  submitTyped?: boolean;
}) {
  const t = lockT(language);
  const [username, setUsername] = useState(initialUsername ?? '');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<LockCallError | null>(null);
  const [pending, setPending] = useState(false);
  const [waitSeconds, startWait] = useCountdown();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    // A back-off that has run out is no longer news.
    if (waitSeconds === 0 && failure?.code === 'THROTTLED') setFailure(null);
  }, [waitSeconds, failure]);

  // A field that showed a message is checked again as it changes (as antd's forms do).
  const change = (field: Field, value: string) => {
    if (field === 'username') setUsername(value);
    else setPassword(value);
    if (errors[field]) setErrors((current) => ({ ...current, [field]: check(field, value, t) }));
  };

  // Hydrated from the prerendered page (main.tsx): what was typed before React ran is in the fields, not
  // yet in the state (React keeps an input's value when it hydrates it). Before the first paint.
  useLayoutEffect(() => {
    const typedUsername = usernameRef.current?.value ?? '';
    const typedPassword = passwordRef.current?.value ?? '';
    if (typedUsername) setUsername(typedUsername);
    if (typedPassword) setPassword(typedPassword);
  }, []);

  const signIn = async (name: string, secret: string) => {
    if (pending || waitSeconds > 0) return;
    const found: FieldErrors = { username: check('username', name, t), password: check('password', secret, t) };
    setErrors(found);
    if (found.username || found.password) return;
    setFailure(null);
    setPending(true);
    try {
      const session = await invoke('auth.signIn', { username: name, password: secret });
      await onSignedIn(session);
    } catch (error) {
      if (!mounted.current) return;
      setPassword('');
      const fields = fieldErrors(error, t);
      if (fields) {
        setErrors(fields);
        return;
      }
      const failed = error instanceof LockCallError ? error : new LockCallError('auth.signIn', 'INTERNAL');
      setFailure(failed);
      startWait(retryAfterSeconds(failed));
      passwordRef.current?.focus();
    } finally {
      if (mounted.current) setPending(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(username, password);
  };

  const signInRef = useRef(signIn);
  signInRef.current = signIn;
  useEffect(() => {
    // The fields' own values: the sign-in asked for before React ran is for what was typed then.
    if (submitTyped) void signInRef.current(usernameRef.current?.value ?? '', passwordRef.current?.value ?? '');
  }, [submitTyped]);

  let message: string | null = null;
  if (failure?.code === 'THROTTLED') message = t('errors.codes.THROTTLED', { seconds: waitSeconds });
  else if (failure) message = [errorMessage(failure, language), waitSeconds > 0 ? t('lock.wait', { seconds: waitSeconds }) : ''].join(' ').trim();

  return (
    <div className="auth-layout lock-page">
      <div className="auth-topbar lock-topbar">
        <strong className="auth-product">{t('app.title')}</strong>
        <LanguageChoice language={language} onChange={onLanguage} t={t} />
      </div>
      <main className="auth-body lock-body">
        <section className="auth-card" style={{ width: 440, maxWidth: '100%' }}>
          <div className="auth-card-head" role="heading" aria-level={1}>
            {t('lock.title')}
          </div>
          <div className="auth-card-body">
            {notice?.kind === 'idle' ? (
              <Notice kind="info" role="status">
                {t('lock.lockedIdle')}
              </Notice>
            ) : null}
            {notice?.kind === 'setupDone' && !failure ? (
              <Notice kind="success" role="status">
                {t('setup.confirm.done')}
              </Notice>
            ) : null}
            <p className="lock-intro">{t('lock.intro')}</p>
            {message ? (
              <Notice kind="error" role="alert">
                {message}
              </Notice>
            ) : null}
            <form className="lock-form" noValidate onSubmit={submit}>
              <TextField
                field="username"
                language={language}
                label={t('fields.username')}
                error={errors.username}
                icon="user"
                input={{
                  type: 'text',
                  value: username,
                  onChange: (value) => change('username', value),
                  autoComplete: 'username',
                  spellCheck: false,
                  autoFocus: !initialUsername,
                  ref: usernameRef,
                }}
              />
              <TextField
                field="password"
                language={language}
                label={t('fields.password')}
                error={errors.password}
                icon="lock"
                input={{
                  type: showPassword ? 'text' : 'password',
                  value: password,
                  onChange: (value) => change('password', value),
                  autoComplete: 'current-password',
                  autoFocus: Boolean(initialUsername),
                  ref: passwordRef,
                }}
                suffix={
                  <button
                    type="button"
                    className="lock-reveal"
                    aria-label={showPassword ? t('lock.hidePassword') : t('lock.showPassword')}
                    aria-pressed={showPassword}
                    onClick={() => setShowPassword((shown) => !shown)}
                  >
                    <Icon name={showPassword ? 'eye' : 'eyeInvisible'} />
                  </button>
                }
              />
              <button type="submit" className="lock-button lock-button-primary" disabled={waitSeconds > 0} aria-busy={pending || undefined}>
                {pending ? <span className="lock-spinner lock-spinner-small" aria-hidden /> : null}
                <span>{t('lock.signIn')}</span>
              </button>
            </form>
            <div className="lock-forgot">
              <button type="button" className="lock-button lock-button-link" onClick={onForgot}>
                {t('lock.forgot')}
              </button>
            </div>
          </div>
        </section>
      </main>
      {version ? <div className="auth-footer">{t('app.version', { version })}</div> : null}
    </div>
  );
}

/** An antd Alert's look: a coloured box with its icon; `role` says how screen readers hear it. */
function Notice({ kind, role, children }: { kind: 'info' | 'success' | 'error'; role: 'status' | 'alert'; children: ReactNode }) {
  return (
    <div className={`lock-alert lock-alert-${kind}`} role={role}>
      <Icon name={kind} className="lock-alert-icon" />
      <div className="lock-alert-message">{children}</div>
    </div>
  );
}

interface InputProps {
  type: 'text' | 'password';
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  spellCheck?: boolean;
  autoFocus?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with a leading icon and its message below (antd Form.Item + Input's look). */
function TextField({
  field,
  language,
  label,
  error,
  icon,
  input,
  suffix,
}: {
  field: Field;
  language: LockLanguage;
  label: string;
  error?: string;
  icon: IconName;
  input: InputProps;
  suffix?: ReactNode;
}) {
  // Each language's prerendered copy (lock/prerender.tsx) has ids of its own.
  const id = `lock-${field}-${language}`;
  const { onChange, ref, ...rest } = input;
  return (
    <div className={error ? 'lock-field lock-field-error' : 'lock-field'}>
      <label className="lock-label" htmlFor={id}>
        {label}
      </label>
      <span className="lock-input">
        <Icon name={icon} className="lock-input-prefix" />
        <input
          {...rest}
          ref={ref}
          id={id}
          name={field}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-help` : undefined}
        />
        {suffix}
      </span>
      {error ? (
        <div className="lock-field-message" id={`${id}-help`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** 简体中文 / English as a pair of radio buttons (antd Segmented's look); the choice is kept on this computer. */
function LanguageChoice({ language, onChange, t }: { language: LockLanguage; onChange: (language: LockLanguage) => void; t: LockT }) {
  return (
    <div className="lock-segmented" role="radiogroup" aria-label={t('language.label')}>
      {LOCK_LANGUAGES.map((option) => (
        <label key={option} className={option === language ? 'lock-segmented-item lock-segmented-selected' : 'lock-segmented-item'}>
          <input
            type="radio"
            className="lock-visually-hidden"
            name="lock-language"
            value={option}
            checked={option === language}
            onChange={() => onChange(option)}
          />
          <span lang={option}>{t(`language.${option}`)}</span>
        </label>
      ))}
    </div>
  );
}

/** What the form checks before asking the core (as the contract: both filled in, the name not blank). */
function check(field: Field, value: string, t: LockT): string | undefined {
  const empty = field === 'username' ? value.trim() === '' : value === '';
  return empty ? t('validation.required') : undefined;
}

/** The seconds to wait, when the core asked for a pause (THROTTLED, or a failure that started one). */
function retryAfterSeconds(error: LockCallError): number {
  const seconds = Number(error.details.retryAfterSeconds ?? 0);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 0;
}

/** One sentence for a failed sign-in: its reason's text, else its code's (as i18n/errors.ts's errorMessage). */
function errorMessage(error: LockCallError, language: LockLanguage): string {
  const t = lockT(language);
  const details = Object.fromEntries(Object.entries(error.details).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
  const reason = reasonText(language, error.details.reason, details);
  if (reason) return reason;
  const key = `errors.codes.${error.code}`;
  return isCodeKey(key) ? t(key, details as Record<string, string | number>) : t('errors.codes.INTERNAL');
}

function isCodeKey(key: string): key is LockTextKey {
  return Object.prototype.hasOwnProperty.call(LOCK_TEXTS['zh-CN'], key);
}

/** VALIDATION issues of the sign-in, by field (as i18n/errors.ts's fieldErrors and issueMessage do for the two fields). */
function fieldErrors(error: unknown, t: LockT): FieldErrors | null {
  if (!(error instanceof LockCallError) || error.code !== 'VALIDATION') return null;
  const issues = Array.isArray(error.details.issues)
    ? (error.details.issues as { path?: unknown[]; code?: string; message?: string; minimum?: number; maximum?: number }[])
    : [];
  const found: FieldErrors = {};
  for (const issue of issues) {
    const path = Array.isArray(issue.path) ? issue.path : [];
    const field = [...path].reverse().find((part): part is Field => part === 'username' || part === 'password');
    if (!field || found[field]) continue;
    found[field] = issueText(field, issue, t);
  }
  return found.username || found.password ? found : null;
}

function issueText(field: Field, issue: { code?: string; message?: string; minimum?: number; maximum?: number }, t: LockT): string {
  if (issue.message === 'usernameChars') return t('validation.messages.usernameChars');
  const min = issue.minimum !== undefined ? Number(issue.minimum) : field === 'username' ? 2 : 1;
  switch (issue.code) {
    case 'too_small':
      return min > 1 ? t(field === 'password' ? 'validation.passwordTooShort' : 'validation.tooShort', { min }) : t('validation.required');
    case 'too_big':
      return issue.maximum !== undefined ? t('validation.tooLong', { max: Number(issue.maximum) }) : t('validation.invalid');
    case 'invalid_format':
    case 'invalid_string':
      return t('validation.invalidFormat');
    default:
      return t('validation.invalid');
  }
}

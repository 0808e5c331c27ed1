import { QueryClientProvider, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { CloseCircleFilled } from '@ant-design/icons';
import { Alert, App as AntApp, Button, ConfigProvider, Flex, Spin, Typography } from 'antd';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../src-shared/contract';
import { call, onEvent } from './api/client';
import { createQueryClient, onSessionLost } from './api/queries';
import { useActivityTouch } from './hooks/useActivityTouch';
import { useLockShortcut } from './hooks/useLockShortcut';
import { antdLocale, currentLanguage, languageReady, setLanguage } from './i18n';
import { errorMessage } from './i18n/errors';
import { ForcedPasswordChange } from './screens/ForcedPasswordChange';
import { LockScreen, type LockNotice } from './screens/LockScreen';
import { RecoveryScreen } from './screens/RecoveryScreen';
// The lock screen is in the start-up script (lock/Startup.tsx); this module and the recovery screen are
// the main window's chunk, loaded behind it; the other screens (first run included) load when shown.
import { MainLayout, preloadMainWindow, ScreenLoading, SetupWizard, StudentMode } from './screens/lazyScreens';
import { SessionContext, type SessionApi } from './session';

export type Phase =
  | { kind: 'boot' }
  | { kind: 'bootFailed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'locked'; notice: LockNotice; username?: string; recovering?: boolean; returnTo?: ReturnTo }
  | { kind: 'signedIn'; session: SessionInfo }
  | { kind: 'studentMode' };

/**
 * Where the main window starts when the start-up lock screen hands over (lock/Startup.tsx): signed
 * in, or on the recovery screen; the core's status was read there (its version with it).
 */
export interface AppStart {
  phase: Extract<Phase, { kind: 'signedIn' } | { kind: 'locked' }>;
  version?: string;
}

/** Where the person who locked was (in memory only): they come back there, anyone else starts on the workbench. */
interface ReturnTo {
  username: string;
  hash: string;
}

const sameAccount = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Student mode keeps the idle touch (a long form is activity) but not the lock shortcut's menu. */
function StudentModeHost({ onExit }: { onExit: () => void }) {
  useActivityTouch(true);
  return (
    <Suspense fallback={<ScreenLoading />}>
      <StudentMode onExit={onExit} />
    </Suspense>
  );
}

/** Signed in: idle touches, Ctrl+L, and either the forced password change or the main window. */
function SignedIn({ api }: { api: SessionApi }) {
  useActivityTouch(true);
  useLockShortcut(() => void api.lock());
  return (
    <SessionContext.Provider value={api}>
      {api.session.mustChangePassword ? (
        <ForcedPasswordChange />
      ) : (
        <Suspense fallback={<ScreenLoading />}>
          <MainLayout />
        </Suspense>
      )}
    </SessionContext.Provider>
  );
}

/**
 * The state machine of the window: boot -> setup | locked | signed in. Locking (button, Ctrl+L,
 * the core's `session.locked` event, or a call that finds the session gone) clears the query cache
 * so no record stays in memory, and returns to the lock screen.
 */
function Workstation({ start }: { start?: AppStart }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>(start?.phase ?? { kind: 'boot' });
  const [version, setVersion] = useState<string | undefined>(start?.version);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const boot = useCallback(async () => {
    setPhase({ kind: 'boot' });
    try {
      // The chosen language's texts load meanwhile (their own chunk): both before the first screen.
      const [status] = await Promise.all([call('app.status', {}), languageReady.catch(() => undefined)]);
      setVersion(status.version);
      if (!status.initialized) setPhase({ kind: 'setup' });
      else if (status.session && status.studentMode) setPhase({ kind: 'studentMode' });
      else if (status.session) setPhase({ kind: 'signedIn', session: status.session });
      else setPhase({ kind: 'locked', notice: null });
    } catch (error) {
      setPhase({ kind: 'bootFailed', error });
    }
  }, []);

  // Handed over from the start-up lock screen: the status is known already.
  const started = useRef(Boolean(start));
  useEffect(() => {
    if (started.current) return;
    void boot();
  }, [boot]);

  // While the lock screen waits for a password, the main window's code is fetched in the background.
  const locked = phase.kind === 'locked';
  useEffect(() => {
    if (locked) preloadMainWindow();
  }, [locked]);

  const showLocked = useCallback(
    (reason: 'manual' | 'idle') => {
      queryClient.cancelQueries().catch(() => undefined);
      queryClient.clear();
      // The address bar shows no page while locked; the page is remembered in memory for the
      // same account only (another person signing in starts on the workbench).
      const hash = window.location.hash;
      if (hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
      setPhase((current) => {
        if (current.kind === 'signedIn') {
          const username = current.session.username;
          return { kind: 'locked', notice: { kind: reason }, username, returnTo: { username, hash } };
        }
        return current.kind === 'studentMode' ? { kind: 'locked', notice: { kind: reason } } : current;
      });
    },
    [queryClient],
  );

  useEffect(
    () =>
      onEvent('session.locked', ({ reason }) => {
        showLocked(reason);
        // Make sure the core agrees (harmless when it already locked itself).
        call('auth.lock', {}).catch(() => undefined);
      }),
    [showLocked],
  );

  useEffect(
    () =>
      onSessionLost(() => {
        if (phaseRef.current.kind === 'signedIn' || phaseRef.current.kind === 'studentMode') showLocked('manual');
      }),
    [showLocked],
  );

  const api = useMemo<SessionApi | null>(() => {
    if (phase.kind !== 'signedIn') return null;
    return {
      session: phase.session,
      lock: async () => {
        await call('auth.lock', {}).catch(() => undefined);
        showLocked('manual');
      },
      updateSession: (session) => setPhase((current) => (current.kind === 'signedIn' ? { kind: 'signedIn', session } : current)),
      enterStudentMode: () => {
        // Nothing of the counselor's screens stays in memory while the student has the window.
        queryClient.clear();
        setPhase({ kind: 'studentMode' });
      },
    };
  }, [phase, showLocked, queryClient]);

  const signedIn = useCallback((session: SessionInfo) => {
    const current = phaseRef.current;
    const returnTo = current.kind === 'locked' ? current.returnTo : undefined;
    // Before the main window mounts: it reads the page from the address.
    if (returnTo?.hash && sameAccount(returnTo.username, session.username)) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search + returnTo.hash);
    }
    setPhase({ kind: 'signedIn', session });
  }, []);

  switch (phase.kind) {
    case 'boot':
      return (
        <Flex className="boot" justify="center" align="center">
          {/* Empty until the language's texts are there (never the raw key). */}
          <Spin size="large" description={t('app.loading', { defaultValue: '' }) || undefined} />
        </Flex>
      );
    case 'bootFailed':
      return (
        // Laid out by hand rather than with antd's Result, whose illustrations would weigh on every start.
        <Flex className="boot boot-failed" vertical justify="center" align="center" gap={16}>
          <CloseCircleFilled className="boot-failed-icon" aria-hidden />
          <Typography.Title level={1} className="boot-failed-title">
            {t('app.bootFailed')}
          </Typography.Title>
          <Alert type="error" title={errorMessage(phase.error, t)} />
          <Button onClick={() => void boot()}>{t('app.retry')}</Button>
        </Flex>
      );
    case 'setup':
      return (
        <Suspense fallback={<ScreenLoading />}>
          <SetupWizard onDone={(username) => setPhase({ kind: 'locked', notice: { kind: 'setupDone' }, username })} />
        </Suspense>
      );
    case 'locked':
      return phase.recovering ? (
        <RecoveryScreen onBack={() => setPhase({ ...phase, notice: null, recovering: false })} onSignedIn={signedIn} />
      ) : (
        <LockScreen
          notice={phase.notice}
          initialUsername={phase.username}
          version={version}
          language={currentLanguage()}
          onLanguage={(language) => void setLanguage(language)}
          onSignedIn={signedIn}
          onForgot={() => setPhase({ ...phase, notice: null, recovering: true })}
        />
      );
    case 'signedIn':
      return <SignedIn api={api!} />;
    case 'studentMode':
      return <StudentModeHost onExit={() => void boot()} />;
  }
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Providers: TanStack Query, antd (zh_CN or en_US locale), antd's App context for messages. */
export function AppRoot({ queryClient, start }: { queryClient?: QueryClient; start?: AppStart }) {
  const client = useMemo(() => queryClient ?? createQueryClient(), [queryClient]);
  useTranslation(); // re-render on language change
  const language = currentLanguage();
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider
        locale={antdLocale(language)}
        // "登录", not antd's default "登 录": the labels read as written in the specs and screen readers.
        button={{ autoInsertSpace: false }}
        theme={{
          token: {
            // People who asked their system for less motion get none (and dialogs are usable at once).
            motion: !prefersReducedMotion(),
            colorPrimary: '#2f6f8f',
            // Text colours with at least 4.5:1 contrast on white and on the grey page (WCAG AA, checked by
            // axe in tests/e2e/accessibility.spec.ts); antd's defaults for these are 3.4:1 or less.
            colorPrimaryHover: '#245a75',
            colorLink: '#2f6f8f',
            colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
            colorError: '#cf1322',
            borderRadius: 6,
            fontFamily:
              '-apple-system, "Segoe UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
          },
          components: {
            // "No data" in an empty table is text to read, not a disabled control (lists: styles.css).
            Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
            // Tag text on its light background: the palette's darker shades (antd's 7th shade of green,
            // gold, orange... is below 4.5:1), and the same for the status tags.
            Tag: {
              green7: '#237804',
              cyan7: '#006d75',
              orange7: '#ad4e00',
              volcano7: '#ad2102',
              gold7: '#874d00',
              yellow7: '#876800',
              lime7: '#3f6600',
              colorSuccess: '#237804',
              colorInfo: '#0958d9',
              colorWarning: '#ad4e00',
              colorError: '#a8071a',
            },
          },
        }}
      >
        <AntApp>
          <Workstation start={start} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

import { useCallback, useEffect, useState, type ComponentType } from 'react';
import type { ChannelOutput, SessionInfo } from '../../src-shared/contract';
import type { AppStart } from '../App';
import { LockScreen } from '../screens/LockScreen';
import { invoke, rememberLockLanguage, storedLockLanguage } from './bridge';
import { lockT, type LockLanguage } from './texts';

type AppModule = typeof import('../full-app');
type AppRootType = ComponentType<{ start?: AppStart }>;

let loading: Promise<AppModule> | null = null;

/** The main window's code, fetched and run once. */
export function loadMainWindow(): Promise<AppModule> {
  loading ??= import('../full-app').catch((error: unknown) => {
    loading = null; // a later attempt may succeed (e.g. after a failed fetch)
    throw error;
  });
  return loading;
}

type State = { kind: 'boot' } | { kind: 'locked'; version: string } | { kind: 'app'; App: AppRootType; start?: AppStart };

/**
 * What the window shows first. The usual start (a set-up workstation, no session) is the lock
 * screen, drawn without the main window's code; that code is fetched once the lock screen is on
 * screen, and takes over after sign-in or 忘记密码. Any other start (first run, an open session,
 * student mode, a core that does not answer) goes to the main window, which handles it as before.
 */
/** `status`: the answer to `app.status` when it was asked for already (main.tsx, lock/early.ts). */
export function Startup({ status }: { status?: Promise<ChannelOutput<'app.status'>> }) {
  const [state, setState] = useState<State>({ kind: 'boot' });
  const [language, setLanguage] = useState<LockLanguage>(storedLockLanguage);

  const openApp = useCallback(async (chosen: LockLanguage, start?: AppStart) => {
    const app = await loadMainWindow();
    await app.prepare(chosen);
    setState({ kind: 'app', App: app.AppRoot, start });
  }, []);

  useEffect(() => {
    rememberLockLanguage(storedLockLanguage());
    let cancelled = false;
    (status ?? invoke('app.status', {})).then(
      (answer) => {
        if (cancelled) return;
        if (answer.initialized && !answer.session) setState({ kind: 'locked', version: answer.version });
        else void openApp(storedLockLanguage());
      },
      () => {
        // The main window asks again and shows the failure with its retry button.
        if (!cancelled) void openApp(storedLockLanguage());
      },
    );
    return () => {
      cancelled = true;
    };
  }, [openApp, status]);

  const locked = state.kind === 'locked';
  useEffect(() => {
    if (!locked) return;
    // Once the lock screen has been painted (two frames): the main window's code, in the background.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void loadMainWindow().catch(() => undefined));
    });
    return () => cancelAnimationFrame(frame);
  }, [locked]);

  if (state.kind === 'app') return <state.App start={state.start} />;
  if (state.kind === 'locked') {
    const version = state.version;
    return (
      <LockScreen
        notice={null}
        version={version}
        language={language}
        onLanguage={(chosen) => {
          rememberLockLanguage(chosen);
          setLanguage(chosen);
        }}
        onSignedIn={(session: SessionInfo) => openApp(language, { phase: { kind: 'signedIn', session }, version })}
        onForgot={() => void openApp(language, { phase: { kind: 'locked', notice: null, recovering: true }, version })}
      />
    );
  }
  return (
    <div className="boot lock-boot" role="status" aria-label={lockT(language)('app.loading')}>
      <span className="lock-spinner" aria-hidden />
    </div>
  );
}

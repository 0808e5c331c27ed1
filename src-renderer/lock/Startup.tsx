import { useCallback, useEffect, useState, type ComponentType } from 'react';
import type { ChannelOutput, SessionInfo } from '../../src-shared/contract';
import type { AppStart } from '../App';
import { LockScreen } from '../screens/LockScreen';
import { invoke, rememberLockLanguage, storedLockLanguage } from './bridge';
import { takeEarlySubmit } from './page-early';
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

type State =
  | { kind: 'boot' }
  /** The prerendered lock screen (lock/prerender.tsx), hydrated before the core's status is known. */
  | { kind: 'prerendered'; version: string }
  | { kind: 'locked'; version: string; submitTyped: boolean }
  | { kind: 'app'; App: AppRootType; start?: AppStart };

/** The page was built with the lock screen in it (main.tsx hydrates it): its language and footer. */
export interface Prerendered {
  language: LockLanguage;
  version: string;
}

/**
 * What the window shows first. The usual start (a set-up workstation, no session) is the lock
 * screen, drawn without the main window's code; that code is fetched once the lock screen is on
 * screen, and takes over after sign-in or 忘记密码. Any other start (first run, an open session,
 * student mode, a core that does not answer) goes to the main window, which handles it as before.
 */
/**
 * `status`: the answer to `app.status` when it was asked for already (main.tsx, lock/early.ts).
 * `prerendered`: the lock screen is drawn at once, as the built page holds it (lock/prerender.tsx), and
 * stays if the core says the workstation is locked; otherwise the right screen replaces it.
 */
export function Startup({ status, prerendered }: { status?: Promise<ChannelOutput<'app.status'>>; prerendered?: Prerendered }) {
  const [state, setState] = useState<State>(() => (prerendered ? { kind: 'prerendered', version: prerendered.version } : { kind: 'boot' }));
  const [language, setLanguage] = useState<LockLanguage>(() => prerendered?.language ?? storedLockLanguage());

  const openApp = useCallback(async (chosen: LockLanguage, start?: AppStart) => {
    const app = await loadMainWindow();
    await app.prepare(chosen);
    setState({ kind: 'app', App: app.AppRoot, start });
  }, []);

  useEffect(() => {
    rememberLockLanguage(storedLockLanguage());
    let cancelled = false;
    // Not the lock screen (first run, a session still open, student mode, no core): the prerendered
    // form gives way to the loading sign at once, then to the main window's screen.
    const leave = () => {
      setState({ kind: 'boot' });
      void openApp(storedLockLanguage());
    };
    (status ?? invoke('app.status', {})).then(
      (answer) => {
        if (cancelled) return;
        // A sign-in asked for on the prerendered form before React ran (lock/page-early.ts) is done now.
        if (answer.initialized && !answer.session) setState({ kind: 'locked', version: answer.version, submitTyped: takeEarlySubmit() });
        else leave();
      },
      () => {
        // The main window asks again and shows the failure with its retry button.
        if (!cancelled) leave();
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
  if (state.kind === 'locked' || state.kind === 'prerendered') {
    const version = state.version;
    return (
      <LockScreen
        notice={null}
        version={version}
        submitTyped={state.kind === 'locked' && state.submitTyped}
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

import { Flex, Spin } from 'antd';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The screens of the main window, each loaded the first time its route opens (issue 19, start-up):
 * the lock screen's script carries none of them. Each loader is remembered, so preloading a screen
 * and then showing it fetches its chunk once.
 */
const loaders = new Set<() => Promise<unknown>>();

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  const run = () => {
    // A failed load (a missing file) may be tried again on the next visit.
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  loaders.add(run);
  return run;
}

/** `lazy` for a named export: `lazyScreen(() => import('./About').then((m) => m.About))`. */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> & { preload: () => Promise<ComponentType<P>> } {
  const loadOnce = once(load);
  return Object.assign(
    lazy(async () => ({ default: await loadOnce() })),
    { preload: loadOnce },
  );
}

/** Loads every screen now (tests, which used to import them all up front; never needed by the app). */
export async function preloadAllScreens(): Promise<void> {
  await Promise.all([...loaders].map((load) => load()));
}

/**
 * Fetches the main window and the workbench once the lock screen is idle, so signing in does not
 * wait for them; everything else still loads when its route first opens.
 */
export function preloadMainWindow(): void {
  const start = () => {
    MainLayout.preload()
      .then(() => Workbench.preload())
      .catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
}

/** What a route shows while its code loads: a polite, translated status (rarely seen: the files are local). */
export function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <Flex className="screen-loading" justify="center" align="center" role="status" aria-live="polite" style={{ minHeight: 160 }}>
      <Spin description={t('app.loading')} />
    </Flex>
  );
}

/** The main window and student mode, loaded after sign-in (App.tsx); preloaded while the lock screen waits. */
export const MainLayout = lazyScreen(() => import('./MainLayout').then((m) => m.MainLayout));
export const StudentMode = lazyScreen(() => import('./StudentMode').then((m) => m.StudentMode));
/** First run happens once per installation; every other start shows the lock screen without its code. */
export const SetupWizard = lazyScreen(() => import('./SetupWizard').then((m) => m.SetupWizard));

export const About = lazyScreen(() => import('./About').then((m) => m.About));
export const Accounts = lazyScreen(() => import('./Accounts').then((m) => m.Accounts));
export const Activities = lazyScreen(() => import('./Activities').then((m) => m.Activities));
export const Archive = lazyScreen(() => import('./Archive').then((m) => m.Archive));
export const AuditLog = lazyScreen(() => import('./AuditLog').then((m) => m.AuditLog));
export const Backup = lazyScreen(() => import('./Backup').then((m) => m.Backup));
export const BreakGlassReview = lazyScreen(() => import('./BreakGlassReview').then((m) => m.BreakGlassReview));
export const Calendar = lazyScreen(() => import('./Calendar').then((m) => m.Calendar));
export const CaseView = lazyScreen(() => import('./CaseView').then((m) => m.CaseView));
export const Cases = lazyScreen(() => import('./Cases').then((m) => m.Cases));
export const Census = lazyScreen(() => import('./Census').then((m) => m.Census));
export const ChangePassword = lazyScreen(() => import('./ChangePassword').then((m) => m.ChangePassword));
export const CosignQueue = lazyScreen(() => import('./CosignQueue').then((m) => m.CosignQueue));
export const Courses = lazyScreen(() => import('./Courses').then((m) => m.Courses));
export const CrisisBoard = lazyScreen(() => import('./CrisisBoard').then((m) => m.CrisisBoard));
export const CrisisEvent = lazyScreen(() => import('./CrisisEvent').then((m) => m.CrisisEvent));
export const Disclosures = lazyScreen(() => import('./Disclosures').then((m) => m.Disclosures));
export const FamilyContacts = lazyScreen(() => import('./FamilyContacts').then((m) => m.FamilyContacts));
export const GroupView = lazyScreen(() => import('./GroupView').then((m) => m.GroupView));
export const Groups = lazyScreen(() => import('./Groups').then((m) => m.Groups));
export const Instruments = lazyScreen(() => import('./Instruments').then((m) => m.Instruments));
export const IntakeWizard = lazyScreen(() => import('./IntakeWizard').then((m) => m.IntakeWizard));
export const KeyAttention = lazyScreen(() => import('./KeyAttention').then((m) => m.KeyAttention));
export const Network = lazyScreen(() => import('./Network').then((m) => m.Network));
export const PrintView = lazyScreen(() => import('./PrintView').then((m) => m.PrintView));
export const RosterImport = lazyScreen(() => import('./RosterImport').then((m) => m.RosterImport));
export const Settings = lazyScreen(() => import('./Settings').then((m) => m.Settings));
export const Statistics = lazyScreen(() => import('./Statistics').then((m) => m.Statistics));
export const StudentFile = lazyScreen(() => import('./StudentFile').then((m) => m.StudentFile));
export const Students = lazyScreen(() => import('./Students').then((m) => m.Students));
export const SyncExport = lazyScreen(() => import('./SyncExport').then((m) => m.SyncExport));
export const Tasks = lazyScreen(() => import('./Tasks').then((m) => m.Tasks));
export const Training = lazyScreen(() => import('./Training').then((m) => m.Training));
export const Triage = lazyScreen(() => import('./Triage').then((m) => m.Triage));
export const Workbench = lazyScreen(() => import('./Workbench').then((m) => m.Workbench));

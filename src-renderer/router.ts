import { useCallback, useEffect, useState } from 'react';

/** The pages of the main window; the hash is `#/<route>` or `#/<route>/<param>` (e.g. a student id). */
export const ROUTES = [
  'workbench',
  'students',
  'student',
  'triage',
  'intake',
  'cases',
  'case',
  'calendar',
  'groups',
  'group',
  'activities',
  'training',
  'courses',
  'network',
  'crisis',
  'crisisEvent',
  'keyattention',
  'family',
  'tasks',
  'disclosures',
  'print',
  'cosign',
  'breakglass',
  'roster',
  'census',
  'instruments',
  'accounts',
  'settings',
  'password',
  'audit',
  'archive',
  'statistics',
  'sync',
  'backup',
  'about',
] as const;
export type Route = (typeof ROUTES)[number];

export interface Location {
  route: Route;
  param: string | null;
}

export function parseLocation(hash: string): Location {
  const [name, param] = hash.replace(/^#\/?/, '').split(/[?]/)[0].split('/');
  if (!(ROUTES as readonly string[]).includes(name)) return { route: 'workbench', param: null };
  return { route: name as Route, param: param ? decodeURIComponent(param) : null };
}

export function parseRoute(hash: string): Route {
  return parseLocation(hash).route;
}

export type Navigate = (route: Route, param?: string | null) => void;

/** A minimal hash router: the current route (and its parameter) and a way to go elsewhere. */
export function useHashLocation(): [Location, Navigate] {
  const [location, setLocation] = useState<Location>(() => parseLocation(window.location.hash));
  useEffect(() => {
    const onChange = () => setLocation(parseLocation(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback<Navigate>((route, param = null) => {
    const hash = param ? `#/${route}/${encodeURIComponent(param)}` : `#/${route}`;
    if (window.location.hash !== hash) window.location.hash = hash;
    setLocation({ route, param });
  }, []);
  return [location, navigate];
}

export function useHashRoute(): [Route, Navigate] {
  const [location, navigate] = useHashLocation();
  return [location.route, navigate];
}

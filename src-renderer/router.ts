import { useCallback, useEffect, useState } from 'react';

/** The pages of the main window; the hash is `#/<route>`. */
export const ROUTES = ['workbench', 'accounts', 'settings', 'password', 'about'] as const;
export type Route = (typeof ROUTES)[number];

export function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'workbench';
}

/** A minimal hash router: the current route and a way to go elsewhere. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    if (window.location.hash !== `#/${next}`) window.location.hash = `#/${next}`;
    setRoute(next);
  }, []);
  return [route, navigate];
}

import { useSyncExternalStore } from 'react';

/**
 * The view lives in the URL, so a view can be shared: the page is the path,
 * everything else (range, grain, timezone, filters, page options) is the query string.
 */
export const PAGES = [
  { name: 'overview', path: '/', title: 'Overview' },
  { name: 'lifecycle', path: '/lifecycle', title: 'Lifecycle' },
  { name: 'retention', path: '/retention', title: 'Retention' },
  { name: 'funnel', path: '/funnel', title: 'Funnel' },
  { name: 'features', path: '/features', title: 'Features' },
  { name: 'users', path: '/users', title: 'Users' },
  { name: 'quality', path: '/quality', title: 'Data quality' },
  { name: 'explorer', path: '/explorer', title: 'Explorer' },
] as const;
export type PageName = (typeof PAGES)[number]['name'];

export interface Location {
  readonly page: PageName;
  readonly params: URLSearchParams;
}

let snapshot: Location = read();
const listeners = new Set<() => void>();

function read(): Location {
  const page = PAGES.find((p) => p.path === window.location.pathname.replace(/\/+$/, '') || (p.path === '/' && window.location.pathname === '/'));
  return { page: page?.name ?? 'overview', params: new URLSearchParams(window.location.search) };
}

function changed(): void {
  snapshot = read();
  for (const listener of listeners) listener();
}
window.addEventListener('popstate', changed);

export function useLocation(): Location {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

export function hrefFor(page: PageName, params: URLSearchParams): string {
  const path = PAGES.find((p) => p.name === page)?.path ?? '/';
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Goes to a page (pushing history, or replacing the entry while typing); the params given replace the current ones. */
export function navigate(page: PageName, params: URLSearchParams, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', hrefFor(page, params));
  else history.pushState(null, '', hrefFor(page, params));
  changed();
}

/** Changes some parameters of the current view: null removes one, an array repeats it. */
export function updateParams(patch: Record<string, string | readonly string[] | null>, options: { replace?: boolean } = {}): void {
  const params = new URLSearchParams(snapshot.params);
  for (const [key, value] of Object.entries(patch)) {
    params.delete(key);
    if (value === null) continue;
    for (const v of typeof value === 'string' ? [value] : value) params.append(key, v);
  }
  navigate(snapshot.page, params, options);
}

/** The controls every page shares (range, grain, timezone, week start, filters): what goes along to another page. */
export function sharedParams(params: URLSearchParams): URLSearchParams {
  const shared = new Set(['range', 'from', 'to', 'grain', 'tz', 'week']);
  return new URLSearchParams([...params].filter(([key]) => shared.has(key) || key.startsWith('f.')));
}

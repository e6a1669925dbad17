import { useEffect, useState, type ReactNode } from 'react';
import { currentToken, setToken } from './api/auth';
import { useQuery } from './api/use-query';
import { AppContext, type Catalog } from './app-context';
import { ErrorBox, Skeleton } from './components/States';
import { DataQualityPage } from './pages/DataQuality';
import { ExplorerPage } from './pages/Explorer';
import { FeaturesPage } from './pages/Features';
import { FunnelPage } from './pages/Funnel';
import { LifecyclePage } from './pages/Lifecycle';
import { OverviewPage } from './pages/Overview';
import { RetentionPage } from './pages/Retention';
import { UsersPage } from './pages/Users';
import { hrefFor, navigate, PAGES, sharedParams, useLocation, type PageName } from './state/url';
import { readView } from './state/view';

const CATALOG = `query Catalog($timezone: String) {
  catalog { version metrics { name definitionName description kind dimensions } dimensions { name description model metrics } }
  latest: users(first: 1, timezone: $timezone, orderBy: {field: LAST_ACTIVE_AT, direction: DESC}) { edges { node { lastActiveAt } } }
}`;

interface CatalogAnswer {
  catalog: Catalog;
  latest: { edges: Array<{ node: { lastActiveAt: string | null } }> };
}

const PAGE_VIEWS: Record<PageName, () => ReactNode> = {
  overview: () => <OverviewPage />,
  lifecycle: () => <LifecyclePage />,
  retention: () => <RetentionPage />,
  funnel: () => <FunnelPage />,
  features: () => <FeaturesPage />,
  users: () => <UsersPage />,
  quality: () => <DataQualityPage />,
  explorer: () => <ExplorerPage />,
};

export function App() {
  const location = useLocation();
  const timezone = location.params.get('tz') ?? 'UTC';
  const state = useQuery<CatalogAnswer>(CATALOG, { timezone });
  const title = PAGES.find((p) => p.name === location.page)?.title ?? 'Pulse';
  useEffect(() => void (document.title = `${title} · Pulse`), [title]);
  return (
    <div className="shell">
      <nav className="nav" aria-label="Pages">
        <a className="brand" href="/" onClick={(e) => go(e, 'overview', sharedParams(location.params))}>
          Pulse
        </a>
        {PAGES.map((p) => (
          <a key={p.name} href={hrefFor(p.name, sharedParams(location.params))} aria-current={p.name === location.page ? 'page' : undefined} onClick={(e) => go(e, p.name, sharedParams(location.params))}>
            {p.title}
          </a>
        ))}
        <a href="/graphql" className="external">
          GraphiQL
        </a>
        <KeyField />
      </nav>
      <main>
        <h1>{title}</h1>
        {state.status === 'loading' ? <Skeleton height={120} /> : null}
        {state.status === 'error' ? <ErrorBox error={state.error} /> : null}
        {state.status === 'done' ? (
          <AppContext.Provider
            value={{
              catalog: state.data.catalog,
              params: location.params,
              lastDataDay: lastDay(state.data),
              view: readView(location.params, lastDay(state.data)),
            }}
          >
            {PAGE_VIEWS[location.page]()}
          </AppContext.Provider>
        ) : null}
      </main>
    </div>
  );
}

/** Moving between pages keeps the shared controls (range, filters), not one page's options. */
function go(event: React.MouseEvent, page: PageName, params: URLSearchParams): void {
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(page, params);
}

function lastDay(answer: CatalogAnswer): string {
  const last = answer.latest.edges[0]?.node.lastActiveAt;
  // The local date of the latest event (the DateTime carries the view timezone's offset).
  return last ? last.slice(0, 10) : new Date().toISOString().slice(0, 10);
}

/** An API key for servers with PULSE_AUTH=required; kept for this browser tab only. */
function KeyField() {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const has = currentToken() !== null;
  if (!open) {
    return (
      <button type="button" className="key-button" onClick={() => setOpen(true)}>
        {has ? 'Key set' : 'API key'}
      </button>
    );
  }
  return (
    <form
      className="key-form"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(value.trim() || null);
        setValue('');
        setOpen(false);
      }}
    >
      <input type="password" name="api-key" placeholder="pulse_… or a JWT" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
      <button type="submit">Use</button>
      {has ? (
        <button type="button" onClick={() => (setToken(null), setOpen(false))}>
          Forget
        </button>
      ) : null}
    </form>
  );
}

import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import type { QueryState } from '../api/use-query';

/** A titled card; `actions` sit in its header. */
export function Panel({ title, actions, children, wide }: { title: string; actions?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? 'panel wide' : 'panel'} aria-label={title}>
      <header>
        <h2>{title}</h2>
        {actions ? <div className="actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Skeleton({ height = 320 }: { height?: number }) {
  return <div className="skeleton" style={{ height }} role="status" aria-label="Loading" />;
}

export function ErrorBox({ error }: { error: ApiError }) {
  const hint: Record<string, string> = {
    UNAUTHENTICATED: 'Enter an API key (top right), or open this page with a token.',
    FORBIDDEN: 'Your key does not allow this.',
    RATE_LIMITED: 'Too many requests: wait a moment and reload.',
    WAREHOUSE_UNAVAILABLE: 'The warehouse is not answering: try again shortly.',
    QUERY_TIMEOUT: 'The query ran too long: narrow the date range or the filters.',
    QUERY_TOO_COMPLEX: 'The query is over the server limits: narrow it.',
    NETWORK_ERROR: 'Check that Pulse is running.',
  };
  return (
    <div className="error" role="alert">
      <strong>{error.code}</strong> {error.message}
      {hint[error.code] ? <p>{hint[error.code]}</p> : null}
    </div>
  );
}

export function Empty({ children = 'No data in this range and filter.' }: { children?: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** Loading → skeleton, error → coded message, empty → message, else the content. */
export function Loaded<T>({ state, height, isEmpty, children }: { state: QueryState<T>; height?: number; isEmpty?: (data: T) => boolean; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Skeleton height={height} />;
  if (state.status === 'error') return <ErrorBox error={state.error} />;
  if (isEmpty?.(state.data)) return <Empty />;
  return <>{children(state.data)}</>;
}

/** The API's row limit (metrics: at most 10,000 rows): an answer that long may be cut. */
export const ROW_LIMIT = 10_000;

/** Said above a chart whose answer reached the row limit, instead of drawing the missing rows as zeros unannounced. */
export function RowLimitNote({ rows }: { rows: number }) {
  if (rows < ROW_LIMIT) return null;
  return (
    <div className="error" role="note">
      <strong>ROW_LIMIT</strong> The answer reached {ROW_LIMIT.toLocaleString('en-US')} rows and may be cut: choose a coarser grain, a shorter range or fewer dimensions.
    </div>
  );
}

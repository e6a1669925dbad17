import { useEffect, useState, useSyncExternalStore } from 'react';
import { onTokenChange } from './auth';
import { ApiError, gql } from './client';

export type QueryState<T> = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: ApiError } | { readonly status: 'done'; readonly data: T };

/** Runs a document whenever it or its variables change; a newer run aborts the older one. Null skips. */
export function useQuery<T>(document: string | null, variables: Record<string, unknown> = {}): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const key = JSON.stringify(variables);
  // A new key or token runs every query again.
  const token = useSyncExternalStore(onTokenChange, tokenVersion);
  useEffect(() => {
    if (document === null) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    gql<T>(document, JSON.parse(key) as Record<string, unknown>, controller.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError(String(error), 'CLIENT_ERROR') });
      },
    );
    return () => controller.abort();
  }, [document, key, token]);
  return state;
}

let version = 0;
onTokenChange(() => void (version += 1));
function tokenVersion(): number {
  return version;
}

import { useEffect, useState, useSyncExternalStore } from 'react';
import { onTokenChange } from './auth';
import { ApiError, gql } from './client';

export type QueryState<T> = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: ApiError } | { readonly status: 'done'; readonly data: T };

const LOADING = { status: 'loading' } as const;

/**
 * Runs a document whenever it or its variables change; a newer run aborts the older one. Null skips.
 * An answer is returned only for the document, variables and token it was asked with: right
 * after a change the state is loading, never the previous answer.
 */
export function useQuery<T>(document: string | null, variables: Record<string, unknown> = {}): QueryState<T> {
  // A new key or token runs every query again.
  const token = useSyncExternalStore(onTokenChange, tokenVersion);
  const key = JSON.stringify([document, variables, token]);
  const [answer, setAnswer] = useState<{ key: string; state: QueryState<T> }>({ key, state: LOADING });
  useEffect(() => {
    if (document === null) return;
    const controller = new AbortController();
    const [, asked] = JSON.parse(key) as [string, Record<string, unknown>];
    gql<T>(document, asked, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setAnswer({ key, state: { status: 'done', data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ key, state: { status: 'error', error: error instanceof ApiError ? error : new ApiError(String(error), 'CLIENT_ERROR') } });
      },
    );
    return () => controller.abort();
  }, [document, key]);
  return answer.key === key ? answer.state : LOADING;
}

let version = 0;
onTokenChange(() => void (version += 1));
function tokenVersion(): number {
  return version;
}

/**
 * The credential the dashboard sends (SPEC §11): an API key typed into the key
 * field, or a token handed over by an embedding page, either as `#token=...`
 * in the URL (a fragment never reaches a server log) or by postMessage.
 * Kept in sessionStorage: it ends with the tab.
 */
const STORAGE_KEY = 'pulse.token';
const listeners = new Set<() => void>();

export function currentToken(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(STORAGE_KEY, token);
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Takes a token from the URL fragment or from the embedding page's message. */
export function acceptEmbeddedToken(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    try {
      setToken(decodeURIComponent(match[1]));
    } catch {
      // A malformed escape: no token; the page asks for a key.
    }
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
  }
  // Only the page this one is framed by: Pulse serves its pages with frame-ancestors limited to its
  // own origin and PULSE_CORS_ORIGINS, so the browser lets no other site be that parent.
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; token?: unknown } | null;
    if (window.parent !== window && event.source === window.parent && data?.type === 'pulse:token' && typeof data.token === 'string') setToken(data.token);
  });
}

/**
 * HTTP as a client sees it: status, body text, the body as JSON when it is,
 * and the GraphQL errors' codes. Every request has a deadline, so a hung
 * server shows up as a figure instead of a hung script.
 */

export interface HttpRequest {
  readonly method: string;
  /** Appended to the server's origin, e.g. /graphql?query=... */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface GraphQLErrorShape {
  readonly message?: unknown;
  readonly extensions?: Record<string, unknown>;
}

export interface HttpAnswer {
  /** 0: no answer at all (connection refused, reset or past the deadline). */
  readonly status: number;
  readonly ms: number;
  readonly text: string;
  /** The parsed body; undefined when it is not JSON. */
  readonly json: unknown;
  readonly errors: readonly GraphQLErrorShape[];
  readonly data: unknown;
  /** Why there was no answer. */
  readonly failure?: string;
}

const DEADLINE_MS = 120_000;

export async function send(origin: string, request: HttpRequest): Promise<HttpAnswer> {
  const started = performance.now();
  try {
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(DEADLINE_MS),
    });
    const text = await response.text();
    const json = parseJson(text);
    const record = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
    const errors = Array.isArray(record.errors) ? (record.errors as GraphQLErrorShape[]) : [];
    return { status: response.status, ms: performance.now() - started, text, json, errors, data: record.data };
  } catch (error) {
    const failure = error instanceof Error ? `${error.name}: ${error.message}${causeText(error)}` : String(error);
    return { status: 0, ms: performance.now() - started, text: '', json: undefined, errors: [], data: undefined, failure };
  }
}

function causeText(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A GraphQL POST with a bearer token. */
export function graphqlRequest(key: string | null, query: string, variables?: Record<string, unknown>): HttpRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return { method: 'POST', path: '/graphql', headers, body: JSON.stringify(variables === undefined ? { query } : { query, variables }) };
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

/** The codes of an answer's errors ("(none)" for an error without one). */
export function codesOf(answer: HttpAnswer): string[] {
  return answer.errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : '(none)'));
}

import { currentToken } from './auth';

/** An answer with errors: the first error's message and its extensions.code (SPEC §9, §11). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Runs a document against Pulse's public GraphQL API, as any embedding page would. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('Pulse cannot be reached: is the server running?', 'NETWORK_ERROR');
  }
  let answer: GraphQLAnswer<T>;
  try {
    answer = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    throw new ApiError(`Pulse answered ${response.status} without a GraphQL body`, `HTTP_${response.status}`);
  }
  const first = answer.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? `HTTP_${response.status}`);
  if (!answer.data) throw new ApiError('Pulse answered without data', 'INTERNAL_SERVER_ERROR');
  return answer.data;
}

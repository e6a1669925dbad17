import type { TestApi } from '../support/api';

/** The instant the people fixture is read at (see test/fixtures/people.ts). */
export const A = '2026-03-01T00:00:00Z';

export interface UsersPage {
  edges: Array<{ cursor: string; node: Record<string, unknown> }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
  sql: string;
  cached: boolean;
}

/** `users(args) { ... }` with node `fields`; `args` is GraphQL argument text. */
export async function usersPage(api: TestApi, args: string, fields = 'userId'): Promise<UsersPage> {
  const document = `{ users(${args}) { edges { cursor node { ${fields} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount sql cached } }`;
  return (await api.data<{ users: UsersPage }>(document)).users;
}

/** The user ids of one page (first 1000 unless args say otherwise). */
export async function userIds(api: TestApi, args: string): Promise<string[]> {
  const page = await usersPage(api, /first:/.test(args) ? args : `${args}, first: 1000`);
  return page.edges.map((e) => String(e.node.userId));
}

/** Every page of `size`, following endCursor; returns the pages' ids. */
export async function allPages(api: TestApi, args: string, size: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | null = null;
  for (;;) {
    const cursor: string = after === null ? '' : `, after: ${JSON.stringify(after)}`;
    const page = await usersPage(api, `${args}, first: ${size}${cursor}`);
    pages.push(page.edges.map((e) => String(e.node.userId)));
    if (!page.pageInfo.hasNextPage) return pages;
    if (pages.length > 100) throw new Error('paging does not end');
    after = page.pageInfo.endCursor;
  }
}

/** What identifies a statement's answer, whatever the data version. */
export interface StatementKeyParts {
  readonly catalogHash: string;
  /**
   * Whose answer it is (a tenant or principal, once there are any): answers
   * are never shared across scopes. Absent means unscoped (admin, the demo).
   */
  readonly scope?: string;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

export interface CacheKeyParts extends StatementKeyParts {
  readonly dataVersion: string;
}

/** The key of one answer: every version that could stale it is part of it (DESIGN.md, principle 6). */
export function cacheKey(parts: CacheKeyParts): string {
  return JSON.stringify([parts.catalogHash, parts.scope ?? null, parts.dataVersion, parts.sql, parts.parameters]);
}

/** The same statement for any data version: where an older answer is looked for (stale-while-refresh). */
export function statementKey(parts: StatementKeyParts): string {
  return JSON.stringify([parts.catalogHash, parts.scope ?? null, parts.sql, parts.parameters]);
}

/** Versions are counters written as decimal text; true when `a` is an earlier one than `b`. */
export function isOlderVersion(a: string, b: string): boolean {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return BigInt(a) < BigInt(b);
}

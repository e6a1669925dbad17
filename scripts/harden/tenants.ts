import { codesOf, graphqlRequest, originOf, send, type HttpAnswer } from './client';
import { caseRng } from './prng';
import type { CheckResult } from './report';
import type { Server } from './server';
import { validDocument } from './valid-queries';
import type { Vocabulary } from './vocabulary';

/**
 * Check 2, row-level security (SPEC §11): each random valid query asked by
 * tenant t1's viewer over the warehouse of both tenants must answer exactly
 * what an admin gets over a warehouse holding t1's data alone (meta, sql and
 * cached stripped). The admin's answer over both tenants is asked too: when
 * it differs from t1's, the query could have caught a leak.
 */

const CONCURRENCY = 4;
/** Tenant queries use their own streams, apart from the fuzz's. */
const STREAM = 0x7e4a47;

export async function tenantCheck(both: Server, alone: Server, v: Vocabulary, seed: number, queries: number): Promise<Omit<CheckResult, 'name' | 'seconds'>> {
  let nonEmpty = 0;
  let errored = 0;
  let differences = 0;
  let discriminating = 0;
  const examples: string[] = [];
  const errorExamples: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < queries) {
      const index = next++;
      const document = validDocument(caseRng(seed ^ STREAM, index), v, 1);
      const [tenant, reference, everyone] = await Promise.all([
        send(originOf(both.url), graphqlRequest(both.keys.viewerT1, document)),
        send(originOf(alone.url), graphqlRequest(alone.keys.admin, document)),
        send(originOf(both.url), graphqlRequest(both.keys.admin, document)),
      ]);
      const a = comparable(tenant);
      const b = comparable(reference);
      if (tenant.errors.length > 0 || reference.errors.length > 0 || tenant.status !== 200) {
        errored += 1;
        if (errorExamples.length < 5) errorExamples.push(`${document} -> t1: ${tenant.status} ${codesOf(tenant).join(',')} ${tenant.text.slice(0, 200)}; alone: ${reference.text.slice(0, 200)}`);
      }
      if (a !== b) {
        differences += 1;
        if (examples.length < 5) examples.push(`${document}\n  t1 over both: ${a.slice(0, 600)}\n  admin over t1 alone: ${b.slice(0, 600)}`);
      } else if (hasNonZero(tenant.data)) nonEmpty += 1;
      if (a !== comparable(everyone)) discriminating += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const problems = [
    ...(differences > 0 ? [`${differences} answer(s) of tenant t1 differ from t1's data alone:\n${examples.join('\n')}`] : []),
    ...(errored > 0 ? [`${errored} valid quer(ies) answered errors: ${errorExamples.join(' | ')}`] : []),
  ];
  return {
    passed: problems.length === 0,
    line: `${queries} queries: differences ${differences} (leaks), non-empty answers ${nonEmpty}, errors ${errored}, differing from the admin's over both tenants ${discriminating}`,
    figures: { queries, differences, nonEmpty, errored, differentFromAllTenants: discriminating, examples, errorExamples },
    problems,
  };
}

/** The answer without what may differ between two servers: meta, sql, cached. */
function comparable(answer: HttpAnswer): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !['sql', 'cached', 'meta'].includes(key))
        .map(([key, child]) => [key, strip(child)]),
    );
  };
  return JSON.stringify({ status: answer.status, data: strip(answer.data), codes: codesOf(answer) });
}

/** Positions and echoes of arguments, not counts: a funnel's step index is 1 even when nobody converted. */
const STRUCTURAL = new Set(['meta', 'index', 'offset', 'windowDays']);

/** Whether an answer holds a count or rate other than zero. */
function hasNonZero(value: unknown): boolean {
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.some(hasNonZero);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, child]) => !STRUCTURAL.has(key) && hasNonZero(child));
  return false;
}

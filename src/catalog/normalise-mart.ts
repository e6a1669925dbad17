/** Mart specs -> Mart (types.ts), in build order, each with the hash of what its rows depend on. */
import { createHash } from 'node:crypto';
import type { Locator } from './locate';
import { MART_DEFAULTS, type MartSpec } from './schema/mart';
import type { Dimension, Mart, MartGrain, MartKind, SemanticModel, UserActivityMart } from './types';

/**
 * Bump when the layout or the meaning of a mart's rows changes in code: every
 * mart built by an older Pulse is then rebuilt instead of being trusted.
 */
export const MART_LAYOUT_VERSION = 1;

const ORDER: Record<MartKind, number> = { sessions: 0, user_activity: 1, rollup: 2, lifecycle: 2, retention: 2, trailing: 2, churn: 2, user_totals: 3 };
const GRAIN_ORDER: Record<MartGrain, number> = { day: 0, week: 1, month: 2 };

export function normaliseMarts(
  specs: ReadonlyMap<string, { readonly def: MartSpec[MartKind]; readonly at: Locator }>,
  models: ReadonlyMap<string, SemanticModel>,
  dimensions: ReadonlyMap<string, Dimension>,
  hashOf: (value: unknown) => string,
): Map<string, Mart> {
  const sessionsOf = new Map<string, string>();
  for (const { def } of specs.values()) if (def.kind === 'sessions' && !sessionsOf.has(def.model)) sessionsOf.set(def.model, def.name);
  const marts: Mart[] = [];
  for (const { def, at } of specs.values()) {
    if ('source' in def) continue;
    const model = models.get(def.model);
    if (!model) continue;
    const base = { name: def.name, description: def.description ?? '', model: def.model, table: `mart_${def.name}`, location: at() };
    // What the rows depend on: the mart's own fields and the model columns it reads.
    const source = { layout: MART_LAYOUT_VERSION, table: model.table, userKey: model.userKey, time: model.timeColumn, gap: model.sessions?.gapMinutes ?? null };
    switch (def.kind) {
      case 'sessions': {
        const mart = { ...base, kind: def.kind, gapMinutes: model.sessions?.gapMinutes ?? 30 };
        marts.push({ ...mart, hash: hashOf({ ...mart, source }) });
        break;
      }
      case 'user_activity': {
        const mart = {
          ...base,
          kind: def.kind,
          grain: def.grain,
          timezones: [...(def.timezones ?? MART_DEFAULTS.timezones)],
          weekStarts: def.grain === 'week' ? [...(def.week_starts ?? MART_DEFAULTS.week_starts)] : [...MART_DEFAULTS.week_starts],
          sessions: sessionsOf.get(def.model) ?? null,
        };
        marts.push({ ...mart, hash: hashOf({ ...mart, source }) });
        break;
      }
      case 'user_totals': {
        const mart = { ...base, kind: def.kind, sessions: sessionsOf.get(def.model) ?? null };
        marts.push({ ...mart, hash: hashOf({ ...mart, source }) });
        break;
      }
      case 'churn': {
        const mart = {
          ...base,
          kind: def.kind,
          churnModel: def.churn_model,
          grain: def.grain,
          timezones: [...(def.timezones ?? MART_DEFAULTS.timezones)],
          weekStarts: def.grain === 'week' ? [...(def.week_starts ?? MART_DEFAULTS.week_starts)] : [...MART_DEFAULTS.week_starts],
          dimensions: [...def.dimensions],
        };
        // Its rows depend on the users' and churn records' columns and on what each dimension reads (and the joins to it).
        const churn = models.get(def.churn_model);
        const users = { table: model.table, key: model.primaryKey, time: model.timeColumn };
        const churns = churn ? { table: churn.table, userKey: churn.userKey, time: churn.timeColumn } : null;
        marts.push({ ...mart, hash: hashOf({ ...mart, layout: MART_LAYOUT_VERSION, users, churns, ...dimensionReads(def.dimensions, models, dimensions) }) });
        break;
      }
    }
  }
  // Marts computed from a user_activity mart: normalised once their sources are.
  for (const { def, at } of specs.values()) {
    if (!('source' in def)) continue;
    const source = marts.find((m): m is UserActivityMart => m.kind === 'user_activity' && m.name === def.source);
    if (!source) continue;
    const base = { name: def.name, description: def.description ?? '', model: source.model, table: `mart_${def.name}`, location: at() };
    const buckets = { source: source.name, grain: source.grain, timezones: source.timezones, weekStarts: source.weekStarts };
    if (def.kind !== 'rollup') {
      const extra = def.kind === 'retention' ? { usersModel: def.users_model } : def.kind === 'trailing' ? { windows: [...new Set(def.windows)].sort((a, b) => a - b) } : {};
      const mart = { ...base, ...buckets, kind: def.kind, ...extra } as Mart;
      const users = def.kind === 'retention' ? models.get(def.users_model) : undefined;
      marts.push({ ...mart, hash: hashOf({ ...mart, layout: MART_LAYOUT_VERSION, source: source.hash, users: users ? [users.table, users.primaryKey, users.timeColumn] : null }) } as Mart);
      continue;
    }
    const mart = {
      ...base,
      kind: def.kind,
      source: source.name,
      grain: source.grain,
      timezones: source.timezones,
      weekStarts: source.weekStarts,
      dimensions: [...def.dimensions],
      sessions: source.sessions,
    };
    // Its rows depend on the source's and on what each dimension reads (and the joins to it).
    marts.push({ ...mart, hash: hashOf({ ...mart, layout: MART_LAYOUT_VERSION, source: source.hash, ...dimensionReads(def.dimensions, models, dimensions) }) });
  }
  const rank = (m: Mart) => ORDER[m.kind] * 10 + (m.kind === 'user_activity' ? GRAIN_ORDER[m.grain] : 0);
  marts.sort((a, b) => rank(a) - rank(b));
  return new Map(marts.map((m) => [m.name, m]));
}

/** What the values of a mart's dimension columns depend on: each dimension's definition and the joins to it. */
function dimensionReads(names: readonly string[], models: ReadonlyMap<string, SemanticModel>, dimensions: ReadonlyMap<string, Dimension>) {
  const reads = names.map((name) => dimensions.get(name));
  const joined = [...models.values()].map((m) => ({ name: m.name, table: m.table, key: m.primaryKey, joins: m.joins.map((j) => [j.model, j.column]) }));
  return { reads, joined };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

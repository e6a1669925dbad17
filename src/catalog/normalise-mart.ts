/** Mart specs -> Mart (types.ts), in build order, each with the hash of what its rows depend on. */
import { createHash } from 'node:crypto';
import type { Locator } from './locate';
import { MART_DEFAULTS, type MartSpec } from './schema/mart';
import type { Mart, MartGrain, MartKind, SemanticModel } from './types';

/**
 * Bump when the layout or the meaning of a mart's rows changes in code: every
 * mart built by an older Pulse is then rebuilt instead of being trusted.
 */
export const MART_LAYOUT_VERSION = 1;

const ORDER: Record<MartKind, number> = { sessions: 0, user_activity: 1, user_totals: 2 };
const GRAIN_ORDER: Record<MartGrain, number> = { day: 0, week: 1, month: 2 };

export function normaliseMarts(
  specs: ReadonlyMap<string, { readonly def: MartSpec[MartKind]; readonly at: Locator }>,
  models: ReadonlyMap<string, SemanticModel>,
  hashOf: (value: unknown) => string,
): Map<string, Mart> {
  const sessionsOf = new Map<string, string>();
  for (const { def } of specs.values()) if (def.kind === 'sessions' && !sessionsOf.has(def.model)) sessionsOf.set(def.model, def.name);
  const marts: Mart[] = [];
  for (const { def, at } of specs.values()) {
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
    }
  }
  const rank = (m: Mart) => ORDER[m.kind] * 10 + (m.kind === 'user_activity' ? GRAIN_ORDER[m.grain] : 0);
  marts.sort((a, b) => rank(a) - rank(b));
  return new Map(marts.map((m) => [m.name, m]));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

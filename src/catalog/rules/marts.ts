/**
 * Marts: their model must hold user activity (user_key and time; sessions for
 * a sessions mart; a churn mart's, users with a signup time and churn records
 * with user_key and time), timezones must be IANA names, week starts only go
 * with grain week, and a model has at most one sessions mart.
 */
import { didYouMean } from '../../util/did-you-mean';
import type { DefinitionProblem } from '../../util/errors';
import { modelsOf, type Draft } from '../draft';
import type { Locator } from '../locate';
import { dimensionReachableFrom } from '../reachability';
import type { MartSpec } from '../schema/mart';
import { expectKeys, lookupDimension, lookupModel } from './lookup';

const KNOWN_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

export function checkMarts(draft: Draft, problems: DefinitionProblem[]): void {
  const sessionsMarts = new Map<string, string>();
  for (const { def: mart, at } of draft.marts.values()) {
    const subject = `Mart "${mart.name}" (${mart.kind})`;
    if ('source' in mart) {
      const source = checkSource(draft, mart, subject, at, problems);
      if (source && mart.kind === 'rollup') checkRollup(draft, mart, source, subject, at, problems);
      if (source && mart.kind === 'trailing' && source.grain !== 'day') {
        problems.push({ code: 'WRONG_TYPE', message: `${subject} needs a day user_activity mart: "${source.name}" keeps ${source.grain}s.`, location: at(['source']) });
      }
      if (mart.kind === 'retention') {
        const users = lookupModel(draft, mart.users_model, subject, at(['users_model']), problems);
        if (users) expectKeys(users, ['time'], subject, 'users_model', at(['users_model']), problems);
      }
      continue;
    }
    const model = lookupModel(draft, mart.model, subject, at(['model']), problems);
    if (mart.kind === 'churn') {
      if (model) expectKeys(model, ['time'], subject, 'model', at(['model']), problems);
      const churn = lookupModel(draft, mart.churn_model, subject, at(['churn_model']), problems);
      if (churn) expectKeys(churn, ['user_key', 'time'], subject, 'churn_model', at(['churn_model']), problems);
      if (model) checkUserDimensions(draft, mart.dimensions, model.name, subject, at, problems);
    } else if (model) expectKeys(model, ['user_key', 'time'], subject, 'model', at(['model']), problems);
    if (mart.kind === 'sessions') {
      if (model && model.sessions === null) {
        problems.push({ code: 'WRONG_TYPE', message: `${subject} needs model "${model.name}" to declare sessions (e.g. sessions: { gap_minutes: 30 }).`, location: at(['model']) });
      }
      const first = sessionsMarts.get(mart.model);
      if (first) {
        problems.push({ code: 'DUPLICATE_NAME', message: `${subject} repeats sessions mart "${first}": a model has one sessions mart.`, location: at(['name']) });
      } else sessionsMarts.set(mart.model, mart.name);
    }
    if (mart.kind !== 'user_activity' && mart.kind !== 'churn') continue;
    const seen = new Set<string>();
    (mart.timezones ?? []).forEach((zone, i) => {
      if (!isZone(zone)) {
        problems.push({ code: 'UNKNOWN_TIMEZONE', message: `${subject} lists "${zone}", which is not an IANA timezone.${didYouMean(zone, KNOWN_ZONES)}`, location: at(['timezones', i]) });
      } else if (seen.has(zone)) {
        problems.push({ code: 'INVALID_SHAPE', message: `${subject} lists timezone "${zone}" twice.`, location: at(['timezones', i]) });
      }
      seen.add(zone);
    });
    if (mart.week_starts !== undefined && mart.grain !== 'week') {
      problems.push({ code: 'INVALID_SHAPE', message: `${subject} has week_starts, which only grain week uses (its grain is ${mart.grain}).`, location: at(['week_starts'], { key: true }) });
    }
    if (mart.week_starts !== undefined && new Set(mart.week_starts).size !== mart.week_starts.length) {
      problems.push({ code: 'INVALID_SHAPE', message: `${subject} lists a week start twice.`, location: at(['week_starts']) });
    }
  }
}

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

type DerivedSpec = Extract<MartSpec[keyof MartSpec], { source: string }>;

/** A mart computed from another must name a user_activity mart. */
function checkSource(draft: Draft, mart: DerivedSpec, subject: string, at: Locator, problems: DefinitionProblem[]): MartSpec['user_activity'] | null {
  const source = draft.marts.get(mart.source)?.def;
  if (source && source.kind === 'user_activity') return source;
  const activity = [...draft.marts.values()].filter((m) => m.def.kind === 'user_activity').map((m) => m.def.name);
  const message = source
    ? `${subject} is computed from mart "${mart.source}", which is a ${source.kind} mart, not user_activity.`
    : `${subject} refers to unknown mart "${mart.source}".${didYouMean(mart.source, activity)}`;
  problems.push({ code: 'UNKNOWN_MART', message, location: at(['source']) });
  return null;
}

/** A rollup sums a user_activity mart by dimensions that have one value per user (reachable from the users its model joins). */
function checkRollup(draft: Draft, rollup: MartSpec['rollup'], source: MartSpec['user_activity'], subject: string, at: Locator, problems: DefinitionProblem[]): void {
  const model = draft.models.get(source.model)?.def;
  const users = model?.joins.find((j) => j.column === model.userKey)?.model ?? (model && model.userKey === model.primaryKey ? model.name : null);
  checkUserDimensions(draft, rollup.dimensions, users ?? null, subject, at, problems);
}

/** Dimensions a mart keeps apart must exist, be listed once and have one value per user (be reachable from `users`). */
function checkUserDimensions(draft: Draft, names: readonly string[], users: string | null, subject: string, at: Locator, problems: DefinitionProblem[]): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const dimension = lookupDimension(draft, name, subject, at(['dimensions', i]), problems);
    if (seen.has(name)) problems.push({ code: 'INVALID_SHAPE', message: `${subject} lists dimension "${name}" twice.`, location: at(['dimensions', i]) });
    seen.add(name);
    if (!dimension || users === null) return;
    if (!dimensionReachableFrom({ models: modelsOf(draft) }, dimension, users)) {
      problems.push({
        code: 'UNREACHABLE_JOIN',
        message: `${subject} cannot keep dimension "${name}": it does not have one value per user (it is not reachable from ${users}).`,
        location: at(['dimensions', i]),
      });
    }
  });
}

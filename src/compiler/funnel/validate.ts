import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, Dimension, FilterNode, FunnelAnalysis } from '../../catalog/types';
import { didYouMean } from '../../util/did-you-mean';
import { QueryError } from '../../util/errors';
import { camelCase } from '../../util/names';
import { filterDimensions } from '../dimension-sql';
import { validateTimeSpec } from '../time-range';
import { FUNNEL_LIMITS, type FunnelQuery } from './query';

/** Checks every argument of a funnel request; throws a QueryError naming the first wrong one. */
export function validateFunnelQuery(catalog: Catalog, analysis: FunnelAnalysis, query: FunnelQuery): void {
  validateTimeSpec({ timeRange: query.timeRange, timezone: query.timezone, grain: null, weekStart: 'MONDAY' });
  const { maxSteps, maxWindowDays } = FUNNEL_LIMITS;
  if (query.steps.length < 1 || query.steps.length > maxSteps) {
    throw new QueryError('steps', `a funnel has 1 to ${maxSteps} steps; got ${query.steps.length}.`);
  }
  if (!Number.isInteger(query.windowDays) || query.windowDays < 1 || query.windowDays > maxWindowDays) {
    throw new QueryError('windowDays', `must be a whole number of days from 1 to ${maxWindowDays}; got ${query.windowDays}.`);
  }
  const activity = analysis.activityModel;
  query.steps.forEach((step, i) => checkFilter(catalog, activity, step.where, `steps[${i}].where`));
  checkFilter(catalog, activity, query.where, 'where');
  if (query.breakdown !== null) checkDimension(catalog, activity, query.breakdown, 'breakdown');
}

function checkFilter(catalog: Catalog, activity: string, filter: FilterNode | null, argument: string): void {
  if (filter) for (const name of filterDimensions(filter)) checkDimension(catalog, activity, name, argument);
}

/** Every funnel dimension is read per event, so it must be reachable from the activity model. */
function checkDimension(catalog: Catalog, activity: string, name: string, argument: string): Dimension {
  const found = catalog.dimensions.get(name);
  if (!found) throw new QueryError(argument, `unknown dimension "${camelCase(name)}".${didYouMean(camelCase(name), [...catalog.dimensions.keys()].map(camelCase))}`);
  if (!dimensionReachableFrom(catalog, found, activity)) {
    throw new QueryError(argument, `dimension "${camelCase(name)}" is not reachable from ${activity}, the funnel's events.`);
  }
  return found;
}

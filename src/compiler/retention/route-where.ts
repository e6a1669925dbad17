import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, Dimension, FilterNode } from '../../catalog/types';
import { QueryError } from '../../util/errors';
import { camelCase } from '../../util/names';
import { allOf, conjuncts, filterDimensions } from '../dimension-sql';

export interface RoutedWhere {
  /** Terms on users (and what users join to): they narrow the cohorts. */
  readonly cohort: FilterNode | null;
  /** Terms that need the activity model: they narrow which events count as activity. */
  readonly activity: FilterNode | null;
}

/**
 * Each top-level AND term goes to the users model when every dimension in it
 * is reachable from there, else to the activity model; a term neither
 * reaches is rejected. User dimensions are reachable from events too, so
 * users come first: `country` narrows the cohort, `platform` the activity.
 */
export function routeWhere(catalog: Catalog, where: FilterNode | null, usersModel: string, activityModel: string): RoutedWhere {
  if (!where) return { cohort: null, activity: null };
  const cohort: FilterNode[] = [];
  const activity: FilterNode[] = [];
  for (const term of conjuncts(where)) {
    const dimensions = [...filterDimensions(term)].map((n) => catalog.dimensions.get(n) as Dimension);
    const reaches = (model: string): boolean => dimensions.every((d) => dimensionReachableFrom(catalog, d, model));
    if (reaches(usersModel)) cohort.push(term);
    else if (reaches(activityModel)) activity.push(term);
    else {
      const bad = dimensions.find((d) => !dimensionReachableFrom(catalog, d, activityModel)) ?? dimensions[0];
      throw new QueryError(
        'where',
        `retention cannot be filtered by dimension "${camelCase(bad?.name ?? '')}": it is reachable from neither ${usersModel} nor ${activityModel}.`,
      );
    }
  }
  return { cohort: allOf(cohort), activity: allOf(activity) };
}

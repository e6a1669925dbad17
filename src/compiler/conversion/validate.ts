import { dimensionReachableFrom } from '../../catalog/reachability';
import type { Catalog, ConversionAnalysis } from '../../catalog/types';
import { didYouMean } from '../../util/did-you-mean';
import { QueryError } from '../../util/errors';
import { camelCase } from '../../util/names';
import { filterDimensions } from '../dimension-sql';
import { validateTimeSpec } from '../time-range';
import { CONVERSION_LIMITS, type ConversionQuery } from './query';

/** Checks every argument of a conversion request; throws a QueryError naming the first wrong one. */
export function validateConversionQuery(catalog: Catalog, analysis: ConversionAnalysis, query: ConversionQuery): void {
  if (query.grain === 'HOUR') {
    throw new QueryError('grain', 'signup cohorts are calendar days or longer: use DAY, WEEK, MONTH, QUARTER or YEAR.');
  }
  validateTimeSpec(query);
  const { maxWindowDays } = CONVERSION_LIMITS;
  const days = query.windowDays;
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > maxWindowDays)) {
    throw new QueryError('windowDays', `must be a whole number of days from 1 to ${maxWindowDays}; got ${days}.`);
  }
  if (query.asOf !== null && Number.isNaN(Date.parse(query.asOf))) {
    throw new QueryError('asOf', `"${query.asOf}" is not an ISO-8601 instant.`);
  }
  for (const name of query.where ? filterDimensions(query.where) : []) {
    const found = catalog.dimensions.get(name);
    if (!found) {
      throw new QueryError('where', `unknown dimension "${camelCase(name)}".${didYouMean(camelCase(name), [...catalog.dimensions.keys()].map(camelCase))}`);
    }
    if (!dimensionReachableFrom(catalog, found, analysis.usersModel)) {
      throw new QueryError(
        'where',
        `conversion cohorts are users: dimension "${camelCase(name)}" is not reachable from ${analysis.usersModel}. Filter by user dimensions only.`,
      );
    }
  }
}

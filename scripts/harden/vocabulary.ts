import { graphqlRequest, originOf, send } from './client';

/**
 * What a realistic query may name, read from the running server as an admin:
 * metrics and the dimensions each reaches (the catalog), every value of every
 * dimension in the data (event types among them), and the data's days.
 */

export interface Vocabulary {
  readonly metrics: readonly string[];
  /** Dimensions each metric can be grouped and filtered by. */
  readonly reach: ReadonlyMap<string, readonly string[]>;
  readonly dimensions: readonly string[];
  /** Dimensions of users (reachable from a users-model metric): retention breakdowns, user filters. */
  readonly userDimensions: readonly string[];
  /** Dimensions reachable from events: funnels, lifecycle. */
  readonly activityDimensions: readonly string[];
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly eventTypes: readonly string[];
  /** First and last day of the data, YYYY-MM-DD. */
  readonly firstDay: string;
  readonly lastDay: string;
}

interface CatalogAnswer {
  catalog: { metrics: { name: string; dimensions: string[]; models: string[] }[]; dimensions: { name: string }[] };
}

export async function readVocabulary(url: string, adminKey: string, firstDay: string, lastDay: string): Promise<Vocabulary> {
  const origin = originOf(url);
  const ask = async <T>(query: string): Promise<T> => {
    const answer = await send(origin, graphqlRequest(adminKey, query));
    if (answer.status !== 200 || answer.errors.length > 0) throw new Error(`vocabulary: ${query} answered ${answer.status} ${answer.text.slice(0, 500)}`);
    return answer.data as T;
  };
  const { catalog } = await ask<CatalogAnswer>('{ catalog { metrics { name dimensions models } dimensions { name } } }');
  const reach = new Map(catalog.metrics.map((m) => [m.name, m.dimensions]));
  const dimensions = catalog.dimensions.map((d) => d.name);
  const userMetric = catalog.metrics.find((m) => m.models.length === 1 && m.models[0] === 'users');
  const eventsMetric = catalog.metrics.find((m) => m.name === 'events');
  if (!userMetric || !eventsMetric) throw new Error('vocabulary: the catalog has no users-model metric or no events metric');
  const values = new Map<string, string[]>();
  for (const dimension of dimensions) {
    const metric = catalog.metrics.find((m) => m.dimensions.includes(dimension));
    if (!metric) continue;
    const data = await ask<{ metrics: { rows: Record<string, unknown>[] } }>(
      `{ metrics(timeRange: {from: "${firstDay}", to: "${lastDay}"}) { rows { ${dimension} ${metric.name} } } }`,
    );
    const seen = data.metrics.rows.map((row) => row[dimension]).filter((v): v is string => typeof v === 'string');
    values.set(dimension, [...new Set(seen)].sort());
  }
  return {
    metrics: catalog.metrics.map((m) => m.name),
    reach,
    dimensions,
    userDimensions: userMetric.dimensions,
    activityDimensions: eventsMetric.dimensions,
    values,
    eventTypes: values.get('eventType') ?? [],
    firstDay,
    lastDay,
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, GraphQLError, Kind, type FieldNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Catalog } from '../catalog/types';
import { bucketCount, epochDay, type Grain } from '../execution';
import { camelCase } from '../util/names';
import { ComplexityError } from './limits';

/**
 * The estimated cost of a request (SPEC §11 QUERY_TOO_COMPLEX), before it
 * runs: per root field, the cells it can ask the warehouse for — buckets x
 * (dimensions + 1) x metrics for `metrics`, cohorts x periods for
 * `retention`, buckets for `lifecycle` and `conversion`, steps x days for
 * `funnel`, the page size for `users` — summed over the fields (each alias
 * is a query of its own).
 */
export function estimateCost(schema: GraphQLSchema, catalog: Catalog, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const query = schema.getQueryType();
  if (!query || operation.operation !== 'query') return 0;
  const dimensions = new Set([...catalog.dimensions.keys()].map(camelCase));
  let total = 0;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const definition = query.getFields()[selection.name.value];
    if (!definition) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, selection, variables);
    } catch {
      continue; // bad arguments: the field reports them itself
    }
    total += fieldCost(selection, args, dimensions);
  }
  return total;
}

function fieldCost(field: FieldNode, args: Record<string, unknown>, dimensions: ReadonlySet<string>): number {
  // metrics without a grain is one bucket; the analyses default to weeks.
  const buckets = bucketsOf(args, field.name.value === 'metrics' ? null : 'WEEK');
  switch (field.name.value) {
    case 'metrics': {
      const rows = childFields(field, 'rows').filter((name) => name !== 'period');
      const dims = rows.filter((name) => dimensions.has(name)).length;
      return buckets * (dims + 1) * Math.max(1, rows.length - dims);
    }
    case 'retention':
      return buckets * (typeof args.periods === 'number' ? args.periods + 1 : 9);
    case 'lifecycle':
    case 'conversion':
      return buckets;
    case 'funnel':
      return (Array.isArray(args.steps) ? args.steps.length : 1) * bucketsOf({ ...args, grain: 'DAY' }, null);
    case 'users':
      return typeof args.first === 'number' ? args.first : 50;
    default:
      return 1;
  }
}

/** Buckets of the field's timeRange and grain (1 without a grain or a readable range). */
function bucketsOf(args: Record<string, unknown>, defaultGrain: Grain | null): number {
  const range = args.timeRange as { from?: unknown; to?: unknown } | undefined;
  const from = typeof range?.from === 'string' ? epochDay(range.from) : null;
  const to = typeof range?.to === 'string' ? epochDay(range.to) : null;
  const grain = typeof args.grain === 'string' ? (args.grain as Grain) : defaultGrain;
  if (from === null || to === null || to < from || grain === null) return 1;
  return bucketCount(from, to, { grain, weekStart: args.weekStart === 'SUNDAY' ? 'SUNDAY' : 'MONDAY' });
}

function childFields(field: FieldNode, name: string): string[] {
  const child = field.selectionSet?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name);
  return child?.selectionSet?.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) ?? [];
}

/** Refuses a request whose estimated cost is over `maxCost`, before anything runs. */
export function costPlugin<C extends object>(catalog: Catalog, maxCost: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, request }) {
          if (!operation) return;
          const cost = estimateCost(schema, catalog, operation, request.variables ?? {});
          if (cost > maxCost) {
            const error = new ComplexityError(`the request's estimated cost is ${cost}; at most ${maxCost} (PULSE_MAX_COST): ask for fewer buckets, dimensions or metrics`);
            throw new GraphQLError(error.message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } }, originalError: error });
          }
        },
      };
    },
  };
}


import { getNamedType, isNonNullType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { jsonValue, printArgs, type Value } from './gql';
import { inputValue, type ValueContext } from './schema-values';
import { selection } from './selections';
import { garbage, randomText } from './values';
import { validDocument } from './valid-queries';

/**
 * GraphQL documents (and variables) for the fuzz, generated from the schema:
 * valid ones over real data, random root fields with random selections and
 * mostly valid arguments, arguments gone wild, variables of right and wrong
 * types, and documents broken on purpose (truncated, unbalanced, too deep,
 * too many aliases, cyclic fragments).
 */

export interface GraphQLBody {
  readonly query: string;
  /** Absent: no variables key; a non-object is sent as it is (a wrong type on purpose). */
  readonly variables?: unknown;
  readonly operationName?: string;
}

type Root = GraphQLField<unknown, unknown>;

function roots(schema: GraphQLSchema): Root[] {
  return Object.values(schema.getQueryType()?.getFields() ?? {});
}

/** One root field with literal arguments and a random selection. */
function rootField(ctx: ValueContext, field: Root, alias: string | null): string {
  const { rng } = ctx;
  const args: Record<string, Value> = {};
  for (const arg of field.args) {
    const required = isNonNullType(arg.type);
    if ((required && !rng.chance(0.03)) || rng.chance(0.35)) args[arg.name] = inputValue(ctx, arg.type, arg.name);
  }
  if (rng.chance(0.02)) args[rng.pick(['bogus', 'tenant', 'tenantId', 'sql'])] = garbage(rng);
  const named = getNamedType(field.type);
  const sub = isObjectType(named) ? selection(rng, named) : '';
  return `${alias ? `${alias}: ` : ''}${field.name}${printArgs(args)} ${sub}`;
}

export function schemaDocument(ctx: ValueContext, schema: GraphQLSchema): GraphQLBody {
  const { rng } = ctx;
  const count = rng.weighted([[1, 6], [2, 2], [3, 1], [4, 0.5]] as const);
  const fields = Array.from({ length: count }, (_, i) => rootField(ctx, rng.pick(roots(schema)), count > 1 || rng.chance(0.1) ? `r${i}` : null));
  if (rng.chance(0.03)) fields.push(rng.pick(['__schema { types { name } }', '__type(name: "MetricRow") { fields { name } }', '__typename']));
  const named = rng.chance(0.3) ? `query Fuzz${rng.int(0, 999)} ` : '';
  return { query: `${named}{ ${fields.join(' ')} }` };
}

/** Arguments passed as variables: declared with the right type or a wrong one, valued rightly or wrongly. */
export function variablesDocument(ctx: ValueContext, schema: GraphQLSchema): GraphQLBody {
  const { rng } = ctx;
  const field = rng.pick(roots(schema).filter((f) => f.args.length > 0));
  const definitions: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  field.args.forEach((arg, i) => {
    if (!isNonNullType(arg.type) && rng.chance(0.5)) return;
    const name = `v${i}`;
    const declared = rng.chance(0.85) ? String(arg.type) : rng.pick(['Int', 'String!', '[Int]', 'Boolean', 'NotAType', 'TimeRange', 'DimensionFilter!', 'Date']);
    definitions.push(`$${name}: ${declared}`);
    args.push(`${arg.name}: $${name}`);
    if (!rng.chance(0.05)) variables[name] = jsonValue(inputValue({ ...ctx, wild: ctx.wild + 0.15 }, arg.type, arg.name));
  });
  if (rng.chance(0.05)) variables[`extra${rng.int(0, 9)}`] = jsonValue(garbage(rng));
  if (rng.chance(0.03)) args.push(`timezone: $undeclared`);
  const named = getNamedType(field.type);
  const sub = isObjectType(named) ? selection(rng, named) : '';
  const query = `query Vars${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${sub} }`;
  const shape = rng.weighted([['object', 20], ['string', 1], ['array', 1], ['null', 1], ['number', 1]] as const);
  const sent = { object: variables, string: JSON.stringify(variables), array: [variables], null: null, number: 42 }[shape];
  return { query, variables: sent, operationName: rng.chance(0.1) ? rng.pick(['Vars', 'Other', '']) : undefined };
}

/** A document broken on purpose, or one the limits must refuse. */
export function malformedDocument(ctx: ValueContext, schema: GraphQLSchema): GraphQLBody {
  const { rng, v } = ctx;
  const base = rng.chance(0.5) ? validDocument(rng, v, 2) : schemaDocument(ctx, schema).query;
  const at = rng.int(0, base.length);
  const deep = (n: number) => `{ catalog ${'{ metrics '.repeat(n)}${'}'.repeat(n)} }`;
  const make: Record<string, () => string> = {
    truncated: () => base.slice(0, at),
    unbalancedOpen: () => `${base.slice(0, at)}{${base.slice(at)}`,
    unbalancedClose: () => `${base}}`.replace(/\{/, ''),
    droppedChar: () => {
      const i = base.search(/[{}()[\]:"]/g);
      return i < 0 ? base.slice(1) : base.slice(0, i) + base.slice(i + 1);
    },
    garbageInserted: () => `${base.slice(0, at)}${randomText(rng, rng.int(1, 12))}${base.slice(at)}`,
    bracketsSwapped: () => base.replace(/\{/g, '[').replace(/\}/g, ']'),
    empty: () => rng.pick(['', ' ', '\n', '# only a comment', '{}', '{ }', 'query', 'null']),
    mutation: () => `mutation { ${rng.pick(['catalog { version }', 'dropTable', 'createKey(role: "admin")'])} }`,
    subscription: () => 'subscription { metrics { rows { dau } } }',
    fragmentCycle: () => 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    unusedFragment: () => `${base} fragment F on Query { catalog { version } }`,
    twoOperations: () => `query A { catalog { version } } query B { catalog { version } }`,
    tooDeep: () => deep(rng.int(11, 60)),
    tooManyAliases: () => `{ ${Array.from({ length: rng.int(31, 120) }, (_, i) => `a${i}: catalog { version }`).join(' ')} }`,
    hugeDocument: () => `{ catalog { version } }${' '.repeat(rng.pick([1_000, 100_000, 300_000]))}`,
    nulChar: () => `${base.slice(0, at)}\u0000${base.slice(at)}`,
    directiveGarbage: () => base.replace('{', `@include(if: ${rng.pick(['maybe', '1', '"true"', 'null'])}) {`),
  };
  const kind = rng.pick(Object.keys(make));
  const query = make[kind]?.() ?? base;
  return { query, operationName: kind === 'twoOperations' ? rng.pick(['A', 'C', undefined]) : undefined };
}

/**
 * Zod issues -> DefinitionProblems with plain messages, each located at the
 * offending field (or, for a missing field, at the object that lacks it).
 */
import { z } from 'zod';
import type { DefinitionProblem } from '../../util/errors';
import { didYouMean } from '../../util/did-you-mean';
import type { Locator, PathKey } from '../locate';

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

/** Per-parse messages: schema-level messages (snake_case, percentile range, ...) take precedence over these. */
export function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') return `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`;
  return undefined;
}

export interface IssueContext {
  /** `Metric "dau"` or `Metric #3` when the entry has no usable name. */
  readonly thing: string;
  readonly at: Locator;
  readonly schema: z.ZodType;
  /** Fields that exist on other variants (metric kinds): reported as "does not take" rather than unknown. */
  readonly otherVariantFields?: { readonly fields: ReadonlySet<string>; readonly variant: string };
}

export function issueToProblems(issue: z.core.$ZodIssue, context: IssueContext): DefinitionProblem[] {
  const { thing, at } = context;
  const field = fieldLabel(issue.path);
  const problem = (message: string, path: readonly PathKey[], key = false): DefinitionProblem => ({
    code: 'INVALID_SHAPE',
    message,
    location: at(path, { key }),
  });
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => problem(unknownKeyMessage(issue.path, key, context), [...keyPath(issue.path), key], true));
    case 'invalid_key': {
      const reason = issue.issues[0]?.message ?? 'is not allowed';
      return [problem(`${thing}: key "${String(issue.path.at(-1))}" of "${fieldLabel(issue.path.slice(0, -1))}" ${reason}.`, keyPath(issue.path), true)];
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        return [problem(`${thing} is missing required field "${field}".`, keyPath(issue.path).slice(0, -1))];
      }
      break;
    default:
      break;
  }
  const suggestion =
    issue.code === 'invalid_value' && typeof issue.input === 'string'
      ? didYouMean(issue.input, issue.values.map(String))
      : '';
  return [problem(`${thing}: field "${field}" ${issue.message}, got ${describe(issue.input)}.${suggestion}`, keyPath(issue.path))];
}

function unknownKeyMessage(path: readonly PropertyKey[], key: string, context: IssueContext): string {
  const full = fieldLabel([...path, key]);
  const other = context.otherVariantFields;
  if (path.length === 0 && other?.fields.has(key)) {
    return `${context.thing} of kind "${other.variant}" does not take field "${full}".`;
  }
  return `${context.thing} has unknown field "${full}".${didYouMean(key, keysAt(context.schema, path))}`;
}

/** The field names allowed at a path of the schema, for did-you-mean on unknown keys. */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema;
  for (const segment of ['', ...path]) {
    current = unwrap(current);
    if (segment === '') continue;
    if (current instanceof z.ZodObject) {
      current = current.shape[String(segment)] ?? (current._zod.def.catchall as z.core.$ZodType | undefined);
    } else if (current instanceof z.ZodArray) current = current.element;
    else if (current instanceof z.ZodRecord) current = current.valueType;
    else return [];
  }
  current = unwrap(current);
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodLazy) current = current.unwrap();
  return current;
}

function keyPath(path: readonly PropertyKey[]): PathKey[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/** filter.and[0].platform.eq */
export function fieldLabel(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

export function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) {
    // Short lists of scalars (bins) read best as written.
    const text = JSON.stringify(value);
    return value.every((item) => typeof item !== 'object') && text.length <= 60 ? text.replace(/,/g, ', ') : 'a list';
  }
  if (typeof value === 'object') return 'a map';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function parse<S extends z.ZodType>(schema: S, value: unknown, context: IssueContext, problems: DefinitionProblem[]): z.output<S> | null {
  const result = schema.safeParse(value, { reportInput: true, error: defaultMessage });
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(...issueToProblems(issue, context));
  return null;
}

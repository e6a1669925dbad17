/**
 * One error class per layer, each with a closed set of codes. The GraphQL layer
 * maps these codes to `extensions.code`; anything else is masked as internal.
 */

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function formatLocation(loc: SourceLocation | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.column}` : '<unknown>';
}

/** A problem found in metrics/*.yml. */
export interface DefinitionProblem {
  readonly code: DefinitionErrorCode;
  readonly message: string;
  readonly location?: SourceLocation;
}

export type DefinitionErrorCode =
  | 'YAML_SYNTAX'
  | 'INVALID_SHAPE'
  | 'DUPLICATE_NAME'
  | 'UNKNOWN_MODEL'
  | 'UNKNOWN_COLUMN'
  | 'UNKNOWN_METRIC'
  | 'UNKNOWN_DIMENSION'
  | 'UNREACHABLE_JOIN'
  | 'WRONG_TYPE'
  | 'DERIVED_CYCLE'
  | 'INVALID_EXPRESSION'
  | 'UNKNOWN_TIMEZONE'
  | 'UNKNOWN_MART';

export class DefinitionError extends Error {
  readonly problems: readonly DefinitionProblem[];
  constructor(problems: readonly DefinitionProblem[]) {
    super(
      `${problems.length} problem(s) in metric definitions:\n` +
        problems.map((p) => `  ${formatLocation(p.location)} ${p.code}: ${p.message}`).join('\n'),
    );
    this.name = 'DefinitionError';
    this.problems = problems;
  }
}

/** A request that cannot be answered as asked: maps to BAD_USER_INPUT. */
export class QueryError extends Error {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'QueryError';
    this.argument = argument;
  }
}

export type ExecutionErrorCode = 'WAREHOUSE_UNAVAILABLE' | 'WAREHOUSE_BUSY' | 'QUERY_TIMEOUT' | 'WAREHOUSE_ERROR';

/** The warehouse failed to answer. The message is safe to show; the cause is logged only. */
export class ExecutionError extends Error {
  readonly code: ExecutionErrorCode;
  constructor(code: ExecutionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExecutionError';
    this.code = code;
  }
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

export type IngestErrorCode = 'BAD_ARGUMENT' | 'FILE_NOT_FOUND' | 'MISSING_COLUMN' | 'UNKNOWN_COLUMN' | 'DUPLICATE_COLUMN';

/** A file that cannot be ingested at all (bad header, missing file). Bad rows are rejects, never this. */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  constructor(code: IngestErrorCode, message: string) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
  }
}

/** SPEC §11 codes of a request refused before or around its execution, with their HTTP status. */
export type RefusalCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'PAYLOAD_TOO_LARGE' | 'QUERY_TOO_COMPLEX';

const REFUSAL_STATUS: Record<RefusalCode, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, PAYLOAD_TOO_LARGE: 413, QUERY_TOO_COMPLEX: 400 };

/** A refused request: the HTTP layer answers it with its status, code and headers (Retry-After). */
export class RequestRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'RequestRefusal';
  }

  get status(): number {
    return REFUSAL_STATUS[this.code];
  }
}

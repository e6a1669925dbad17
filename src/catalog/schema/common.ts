/** Zod pieces shared by the definition schemas; every field carries a description for editors. */
import { z } from 'zod';

/** Metric and dimension names become GraphQL fields (camelCase) and enum values (UPPER), so keep them simple. */
export const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

export function snakeName(description: string) {
  return z
    .string()
    .regex(SNAKE_CASE, { error: 'must be snake_case (lowercase letters, digits and _, starting with a letter)' })
    .meta({ description });
}

export const descriptionField = z
  .string()
  .optional()
  .meta({ description: 'Shown in the GraphQL schema and the catalog query. Defaults to empty.' });

/** SQL identifiers: Kysely quotes them, but anything else is almost certainly a typo. */
export const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be a SQL identifier (letters, digits and _)' });

export const modelRef = (description: string) => z.string().meta({ description });

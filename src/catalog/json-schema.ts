/**
 * The JSON Schema of metrics/*.yml, generated from the same zod schemas the
 * loader validates with, so editors (yaml-language-server) complete and check
 * exactly what Pulse accepts. Cross-references (unknown model, column,
 * metric) are beyond JSON Schema: only the loader reports those.
 */
import { z } from 'zod';
import { FileSchema } from './schema/file';

export function catalogJsonSchema(): object {
  return z.toJSONSchema(FileSchema, { target: 'draft-2020-12' });
}

/** Exactly the content of metrics/pulse.schema.json (2-space JSON, trailing newline). */
export function catalogJsonSchemaText(): string {
  return `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
}

/** `models:` entries: warehouse tables, their keys, typed columns and many-to-one joins. */
import { z } from 'zod';
import { descriptionField, identifier, snakeName } from './common';

export const ColumnTypeSchema = z
  .enum(['string', 'number', 'timestamp', 'json'])
  .meta({ description: 'The column type: string, number, timestamp or json.' });

export const JoinSchema = z
  .strictObject({
    model: z.string().meta({ description: 'The model joined to; this model\'s `column` equals its primary key.' }),
    column: z.string().meta({ description: 'The column of this model holding the other model\'s primary key.' }),
  })
  .meta({ id: 'Join', description: 'A many-to-one join: this.column = model.primary_key.' });

export const SessionsSchema = z
  .strictObject({
    gap_minutes: z
      .number({ error: 'must be a positive number of minutes' })
      .positive({ error: 'must be a positive number of minutes' })
      .meta({ description: 'A user\'s consecutive rows at most this many minutes apart form one session, e.g. 30.' }),
  })
  .meta({
    id: 'Sessions',
    description: 'Derive sessions from this model\'s rows (needs user_key and time); session_count and session_duration metrics read them.',
  });

export const ModelSchema = z
  .strictObject({
    name: snakeName('The model name that dimensions and metrics refer to.'),
    description: descriptionField,
    table: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, {
        error: 'must be a table name, optionally schema-qualified (schema.table)',
      })
      .meta({ description: 'The warehouse table, optionally schema-qualified.' }),
    primary_key: z.string().meta({ description: 'The column that identifies a row.' }),
    user_key: z.string().optional().meta({ description: 'The column holding the user a row belongs to.' }),
    time: z.string().optional().meta({ description: 'The timestamp column that places a row in time buckets.' }),
    columns: z.record(identifier, ColumnTypeSchema).meta({ description: 'Column name -> type.' }),
    joins: z.array(JoinSchema).optional().meta({ description: 'Many-to-one joins to other models.' }),
    sessions: SessionsSchema.optional(),
  })
  .meta({ id: 'Model', description: 'A warehouse table Pulse reads.' });

export type ModelSpec = z.infer<typeof ModelSchema>;

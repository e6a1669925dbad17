import fs from 'node:fs';
import { SHIPPED_FILES } from '../support/shipped';
import { catalogJsonSchema, catalogJsonSchemaText } from '../../src/catalog';

describe('metrics/pulse.schema.json', () => {
  it('is up to date (regenerate with `pulse schema --write`)', () => {
    expect(fs.readFileSync('metrics/pulse.schema.json', 'utf8')).toBe(catalogJsonSchemaText());
  });

  it('describes every metric kind with its fields for editors', () => {
    const schema = catalogJsonSchema() as { $defs: Record<string, { properties: Record<string, { description?: string }>; required: string[] }> };
    expect(schema.$defs.trailing_distinct_metric?.required).toEqual(['name', 'kind', 'model', 'column', 'window_days']);
    expect(schema.$defs.ratio_metric?.properties.numerator?.description).toBe('The metric divided.');
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['Model', 'Join', 'ColumnDimension', 'Filter', 'StringFilter']));
  });

  it('describes analyses per kind, with their defaults, and the sessions config of a model', () => {
    type Field = { description?: string; default?: unknown };
    const schema = catalogJsonSchema() as { $defs: Record<string, { properties: Record<string, Field>; required: string[] }> };
    expect(schema.$defs.conversion_analysis?.required).toEqual(['name', 'kind', 'users_model', 'activity_model', 'default_goal']);
    expect(schema.$defs.funnel_analysis?.properties.step_dimension?.default).toBe('event_type');
    expect(schema.$defs.retention_analysis?.properties.default_periods?.description).toMatch(/Defaults to 8\.$/);
    expect(schema.$defs.Model?.properties.sessions).toEqual({ $ref: '#/$defs/Sessions' });
    expect(schema.$defs.Sessions?.required).toEqual(['gap_minutes']);
  });

  it('is referenced by every definitions file', () => {
    for (const file of SHIPPED_FILES) {
      expect(fs.readFileSync(`metrics/${file}`, 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/pulse\.schema\.json$/m);
    }
  });
});

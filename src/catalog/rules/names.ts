/**
 * DUPLICATE_NAME: models are unique among models. Dimensions and metrics
 * become fields of one GraphQL type (MetricRow), so they share a namespace,
 * compared after camelCase (`a_1` and `a1` are both field `a1`), and cannot
 * take the names that type or DimensionFilter already use.
 */
import type { DefinitionProblem } from '../../util/errors';
import { formatLocation } from '../../util/errors';
import { camelCase } from '../../util/names';
import type { Draft, NamedEntry } from '../draft';

const SINGULAR = { models: 'Model', dimensions: 'Dimension', metrics: 'Metric' } as const;

const RESERVED: Readonly<Record<string, { readonly sections: readonly string[]; readonly why: string }>> = {
  period: { sections: ['dimensions', 'metrics'], why: 'it is the time bucket field of MetricRow' },
  and: { sections: ['dimensions'], why: 'a filter uses it to combine conditions' },
  or: { sections: ['dimensions'], why: 'a filter uses it to combine conditions' },
};

export function checkNames(draft: Draft, problems: DefinitionProblem[]): void {
  const models = new Map<string, NamedEntry>();
  const fields = new Map<string, NamedEntry>();
  for (const entry of draft.entries) {
    const thing = `${SINGULAR[entry.section]} "${entry.name}"`;
    const location = entry.at(['name']);
    const reserved = RESERVED[entry.name];
    if (reserved?.sections.includes(entry.section)) {
      const message = `${thing} uses a reserved name: ${reserved.why}.`;
      problems.push({ code: 'DUPLICATE_NAME', message, location });
      continue;
    }
    const seen = entry.section === 'models' ? models : fields;
    const key = entry.section === 'models' ? entry.name : camelCase(entry.name);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, entry);
      continue;
    }
    problems.push({ code: 'DUPLICATE_NAME', message: duplicateMessage(thing, entry, first, key), location });
  }
}

function duplicateMessage(thing: string, entry: NamedEntry, first: NamedEntry, field: string): string {
  const where = formatLocation(first.at(['name']));
  if (first.name !== entry.name) {
    return `${thing} and ${SINGULAR[first.section].toLowerCase()} "${first.name}" (${where}) would both be the GraphQL field "${field}".`;
  }
  if (first.section === entry.section) return `${thing} is defined twice; the first definition is at ${where}.`;
  return (
    `${thing} has the same name as ${SINGULAR[first.section].toLowerCase()} "${first.name}" (${where}): ` +
    'metrics and dimensions share one namespace, the fields of MetricRow.'
  );
}

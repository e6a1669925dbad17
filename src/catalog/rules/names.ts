/**
 * DUPLICATE_NAME: models are unique among models. Dimensions and metrics
 * become fields of one GraphQL type (MetricRow), so they share a namespace,
 * compared after camelCase (`a_1` and `a1` are both field `a1`), and cannot
 * take the names that type or DimensionFilter already use. Analyses are
 * Query fields: unique among themselves after camelCase, and not `catalog`
 * or `metrics`, the Query fields Pulse always has.
 */
import type { DefinitionProblem } from '../../util/errors';
import { formatLocation } from '../../util/errors';
import { camelCase } from '../../util/names';
import type { Draft, NamedEntry } from '../draft';
import { SINGULAR, type Section } from '../schema/file';

const RESERVED: Readonly<Record<string, { readonly sections: readonly Section[]; readonly why: string }>> = {
  period: { sections: ['dimensions', 'metrics'], why: 'it is the time bucket field of MetricRow' },
  and: { sections: ['dimensions'], why: 'a filter uses it to combine conditions' },
  or: { sections: ['dimensions'], why: 'a filter uses it to combine conditions' },
  catalog: { sections: ['analyses'], why: 'it is the Query field that describes the catalog' },
  metrics: { sections: ['analyses'], why: 'it is the Query field that answers metric requests' },
  dataQuality: { sections: ['analyses'], why: 'it is the Query field that reports the data test results' },
};

/** Which names an entry's name must differ from, and how they are compared. */
const NAMESPACE: Readonly<Record<Section, { readonly space: string; readonly key: (name: string) => string }>> = {
  models: { space: 'models', key: (name) => name },
  dimensions: { space: 'fields', key: camelCase },
  metrics: { space: 'fields', key: camelCase },
  analyses: { space: 'analyses', key: camelCase },
  // Not in draft.entries: rules/data-tests.ts checks them once default names are filled in.
  data_tests: { space: 'data_tests', key: (name) => name },
  // Tables are mart_<name>: unique as written.
  marts: { space: 'marts', key: (name) => name },
};

export function checkNames(draft: Draft, problems: DefinitionProblem[]): void {
  const seen = new Map<string, NamedEntry>();
  for (const entry of draft.entries) {
    const thing = `${SINGULAR[entry.section]} "${entry.name}"`;
    const location = entry.at(['name']);
    const { space, key: toKey } = NAMESPACE[entry.section];
    const key = toKey(entry.name);
    const reserved = Object.hasOwn(RESERVED, key) ? RESERVED[key] : undefined;
    if (reserved?.sections.includes(entry.section)) {
      const message = `${thing} uses a reserved name: ${reserved.why}.`;
      problems.push({ code: 'DUPLICATE_NAME', message, location });
      continue;
    }
    const first = seen.get(`${space}:${key}`);
    if (!first) {
      seen.set(`${space}:${key}`, entry);
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

/**
 * DERIVED_CYCLE: ratio and derived metrics may build on each other, but a
 * metric that ends up depending on itself has no value. Each cycle is
 * reported once, at the reference that closes it from its earliest-defined member.
 */
import type { DefinitionProblem } from '../../util/errors';
import { metricDependencies } from '../dependencies';
import type { Draft, Located } from '../draft';
import { metricNamesIn } from '../expr';
import type { Metric } from '../types';

export function checkDerivedCycles(draft: Draft, problems: DefinitionProblem[]): void {
  const order = [...draft.metrics.keys()];
  const state = new Map<string, 'active' | 'done'>();
  const reported = new Set<string>();
  const stack: string[] = [];

  const visit = (name: string): void => {
    state.set(name, 'active');
    stack.push(name);
    const metric = draft.metrics.get(name)?.def;
    for (const next of metric ? metricDependencies(metric) : []) {
      if (!draft.metrics.has(next)) continue; // metric-references.ts reports it
      if (state.get(next) === 'active') report(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(name, 'done');
  };

  const report = (members: string[]): void => {
    const key = [...members].sort().join(' ');
    if (reported.has(key)) return;
    reported.add(key);
    // Start the cycle at its earliest definition so the message is stable.
    const start = members.indexOf([...members].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? '');
    const cycle = [...members.slice(start), ...members.slice(0, start)];
    const [first, second] = [cycle[0] ?? '', cycle[1] ?? cycle[0] ?? ''];
    const located = draft.metrics.get(first);
    if (!located) return;
    problems.push({
      code: 'DERIVED_CYCLE',
      message: `Metric "${first}" depends on itself: ${[...cycle, first].join(' -> ')}.`,
      location: referenceLocation(located, second),
    });
  };

  for (const name of order) if (!state.has(name)) visit(name);
}

function referenceLocation({ def, at }: Located<Metric>, target: string) {
  if (def.kind === 'ratio') return at([def.numerator === target ? 'numerator' : 'denominator']);
  const offset = def.kind === 'derived' ? metricNamesIn(def.exprText).find((ref) => ref.name === target)?.offset : undefined;
  return at(['expr'], { offset: offset ?? 0 });
}

import { parseCatalog } from '../../src/catalog';
import { BASE_MODELS, problemsWithBase } from './helpers';

describe('ratio and derived metrics', () => {
  it('reports unknown metrics, with did-you-mean, at the name inside expr', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: events, kind: count, model: events }
  - { name: a, kind: ratio, numerator: events, denominator: evnts }
  - { name: e, kind: ratio, numerator: country, denominator: events }
  - name: f
    kind: derived
    expr: events / evnts + 1
`),
    ).toEqual([
      'test.yml:3:61 UNKNOWN_METRIC: Metric "a" refers to unknown metric "evnts". Did you mean "events"?',
      'test.yml:4:40 UNKNOWN_METRIC: Metric "e" refers to "country", which is a dimension, not a metric.',
      'test.yml:7:20 UNKNOWN_METRIC: Metric "f" refers to unknown metric "evnts". Did you mean "events"?',
    ]);
  });

  it('reports each cycle once, naming it', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: a, kind: ratio, numerator: b, denominator: b }
  - { name: b, kind: derived, expr: "1 + a * 2" }
  - { name: c, kind: derived, expr: "c + 1" }
`),
    ).toEqual([
      'test.yml:2:40 DERIVED_CYCLE: Metric "a" depends on itself: a -> b -> a.',
      'test.yml:4:38 DERIVED_CYCLE: Metric "c" depends on itself: c -> c.',
    ]);
  });

  it('reports expressions that do not parse, at the offending character', () => {
    expect(
      problemsWithBase(`metrics:
  - { name: d, kind: derived, expr: "events / (users" }
  - { name: e, kind: derived, expr: events % users }
  - { name: f, kind: derived, expr: events users }
`),
    ).toEqual([
      'test.yml:2:53 INVALID_EXPRESSION: Metric "d": cannot parse expr "events / (users": expected ")" but the expression ended.',
      'test.yml:3:44 INVALID_EXPRESSION: Metric "e": cannot parse expr "events % users": unexpected character "%".',
      'test.yml:4:44 INVALID_EXPRESSION: Metric "f": cannot parse expr "events users": expected an operator but found "users".',
    ]);
  });

  it('parses expr into the DerivedExpr tree with precedence and unary minus', () => {
    const catalog = parseCatalog([
      { path: 'base.yml', text: BASE_MODELS },
      {
        path: 'test.yml',
        text: `metrics:
  - { name: a, kind: count, model: events }
  - { name: b, kind: count, model: users }
  - { name: x, kind: derived, expr: "-(a + 2.5) * b - a / b" }
`,
      },
    ]);
    const a = { kind: 'metric', name: 'a' };
    const b = { kind: 'metric', name: 'b' };
    expect(catalog.metrics.get('x')).toMatchObject({
      exprText: '-(a + 2.5) * b - a / b',
      expr: {
        kind: 'binary',
        op: '-',
        left: {
          kind: 'binary',
          op: '*',
          left: { kind: 'negate', operand: { kind: 'binary', op: '+', left: a, right: { kind: 'number', value: 2.5 } } },
          right: b,
        },
        right: { kind: 'binary', op: '/', left: a, right: b },
      },
    });
  });
});

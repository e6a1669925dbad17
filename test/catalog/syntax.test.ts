import { problems } from './helpers';

describe('YAML_SYNTAX and the top level of a file', () => {
  it('reports a syntax error with its position and still checks the other files', () => {
    expect(
      problems({
        'a.yml': `metrics:
  - name: a
    name: b
`,
        'b.yml': `metrics:
  - { name: c, kind: count, model: nowhere }
`,
      }),
    ).toEqual([
      'a.yml:3:5 YAML_SYNTAX: Map keys must be unique',
      'b.yml:2:36 UNKNOWN_MODEL: Metric "c" refers to unknown model "nowhere".',
    ]);
  });

  it('reports an unclosed flow sequence', () => {
    expect(problems({ 'a.yml': 'models:\n  - name: a\n    table: [x\n' })).toEqual([
      'a.yml:4:1 YAML_SYNTAX: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('reports unknown top-level keys with did-you-mean', () => {
    expect(
      problems({
        'a.yml': `metric:
  - name: a
other: 1
`,
      }),
    ).toEqual([
      'a.yml:1:1 INVALID_SHAPE: Unknown top-level key "metric": expected models, dimensions, metrics, analyses, data_tests or marts. Did you mean "metrics"?',
      'a.yml:3:1 INVALID_SHAPE: Unknown top-level key "other": expected models, dimensions, metrics, analyses, data_tests or marts.',
    ]);
  });

  it('requires lists under the top-level keys and a map at the top', () => {
    expect(problems({ 'a.yml': 'metrics: { name: a }\n', 'b.yml': '- name: a\n' })).toEqual([
      'a.yml:1:10 INVALID_SHAPE: "metrics" must be a list.',
      'b.yml:1:1 INVALID_SHAPE: A definitions file must be a map with any of the keys models, dimensions, metrics, analyses, data_tests and marts.',
    ]);
  });
});

describe('anchors and aliases', () => {
  it('reports an alias to a missing anchor at the alias', () => {
    expect(problems({ 'a.yml': 'metrics:\n  - { name: a, kind: count, model: *m }\n' })).toEqual([
      'a.yml:2:36 YAML_SYNTAX: Unresolved alias (the anchor must be set before the alias): m',
    ]);
  });
});

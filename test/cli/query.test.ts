import { main } from '../../src/cli/main';
import { cliOnFixture } from '../support/cli';

// `pulse query` in-process, on a private copy of the small fixture.
const { output, errors } = cliOnFixture('small');

const DOC = '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-03"}, grain: DAY) { rows { period events activeUsers } } }';

test('prints a table', async () => {
  await main(['node', 'pulse', 'query', DOC]);
  expect(output.join('\n')).toBe(
    [
      'metrics.rows',
      'period                     events  activeUsers',
      '-------------------------  ------  -----------',
      '2026-01-01T00:00:00+00:00       3            2',
      '2026-01-02T00:00:00+00:00       1            1',
      '2026-01-03T00:00:00+00:00       1            1',
      '(3 rows)',
    ].join('\n'),
  );
});

test('prints CSV and JSON', async () => {
  await main(['node', 'pulse', 'query', DOC, '--format', 'csv']);
  expect(output.join('\n')).toBe(
    ['period,events,activeUsers', '2026-01-01T00:00:00+00:00,3,2', '2026-01-02T00:00:00+00:00,1,1', '2026-01-03T00:00:00+00:00,1,1'].join('\n'),
  );
  output.length = 0;
  await main(['node', 'pulse', 'query', DOC, '--format', 'json']);
  expect(JSON.parse(output.join('\n')).metrics.rows[0]).toEqual({ period: '2026-01-01T00:00:00+00:00', events: 3, activeUsers: 2 });
});

test('a retention as CSV: one row per cohort and period, none dropped (nested lists are flattened)', async () => {
  const doc = '{ retention(timeRange: {from: "2026-01-01", to: "2026-01-14"}, grain: WEEK, periods: 3, asOf: "2026-02-01T00:00:00Z") { cohorts { cohort size periods { offset retained rate } } } }';
  await main(['node', 'pulse', 'query', doc, '--format', 'json']);
  const cohorts: Array<{ cohort: string; size: number; periods: Array<{ offset: number; retained: number; rate: number | null }> }> = JSON.parse(output.join('\n')).retention.cohorts;
  expect(cohorts.length).toBeGreaterThan(0);
  output.length = 0;
  await main(['node', 'pulse', 'query', doc, '--format', 'csv']);
  const expected = cohorts.flatMap((c) => c.periods.map((p) => [c.cohort, c.size, p.offset, p.retained, p.rate ?? ''].join(',')));
  expect(output.join('\n')).toBe(['cohort,size,periods.offset,periods.retained,periods.rate', ...expected].join('\n'));
  expect(expected.length).toBe(cohorts.reduce((n, c) => n + c.periods.length, 0));
});

test('reports errors with their code and a non-zero exit', async () => {
  await main(['node', 'pulse', 'query', '{ metrics(timeRange: {from: "2026-01-01", to: "2026-01-03"}, timezone: "Nowhere/City") { rows { events } } }']);
  expect(errors).toEqual(['error [BAD_USER_INPUT]: timezone: "Nowhere/City" is not a known IANA timezone (e.g. "Europe/Berlin").']);
  expect(process.exitCode).toBe(1);
  process.exitCode = undefined;
});

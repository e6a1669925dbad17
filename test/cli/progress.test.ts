import { progressReporter } from '../../src/cli/progress';
import type { FileSummary } from '../../src/ingest';

/** A stand-in for process.stderr that records what is written. */
function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, target: { isTTY, write: (text: string) => writes.push(text) > 0 } as unknown as NodeJS.WriteStream };
}

const summary = (read: number): FileSummary => ({ kind: 'events', file: 'events.csv', read, loaded: read - 1, duplicates: 0, rejected: { BAD_TIMESTAMP: 1 }, elapsedMs: 2000 });

test('on a terminal: one bar redrawn in place, ended by a newline', () => {
  const { writes, target } = stream(true);
  const p = progressReporter(target);
  p.onBatch({ summary: summary(20_000), bytesRead: 250, bytesTotal: 1000 });
  p.onBatch({ summary: summary(80_000), bytesRead: 1000, bytesTotal: 1000 });
  p.done();
  expect(writes[0]).toBe(`\revents [########......................]  25% 20,000 rows, 19,999 loaded, 10,000 rows/s\u001b[K`);
  expect(writes[1]).toMatch(/^\revents \[#{30}\] 100% 80,000 rows, 79,999 loaded, 40,000 rows\/s/);
  expect(writes[2]).toBe('\n');
});

test('in a log: a plain line at each tenth of the file, no control characters', () => {
  const { writes, target } = stream(false);
  const p = progressReporter(target);
  for (const bytes of [50, 90, 120, 150, 610, 1000]) p.onBatch({ summary: summary(bytes * 100), bytesRead: bytes, bytesTotal: 1000 });
  p.done();
  expect(writes).toEqual([
    'events: 10% 12,000 rows, 11,999 loaded, 6,000 rows/s\n',
    'events: 60% 61,000 rows, 60,999 loaded, 30,500 rows/s\n',
    'events: 100% 100,000 rows, 99,999 loaded, 50,000 rows/s\n',
  ]);
});

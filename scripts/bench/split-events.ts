import fs from 'node:fs';

/**
 * Splits a generated events CSV into the main load and the newest ~1% of
 * events by occurred_at (held back for a later, timed load). The generator
 * writes events user by user, so one pass counts events per minute to find
 * the cut and a second pass writes the two files. Lines are whole records:
 * generated good rows never hold a newline, and occurred_at is the third
 * column, after event_id and user_id, which hold no comma.
 */

export interface EventSplit {
  readonly main: number;
  readonly recent: number;
  /** Events at or after this instant (a whole UTC minute) are held back. */
  readonly cut: string;
}

/**
 * The file's lines, a 1 MB read at a time. (readline's async iterator queues lines while the loop
 * awaits a write, which took hundreds of MB on a 1M-event file; a stream read this way waits.)
 */
async function* lines(file: string): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    const last = text.lastIndexOf('\n');
    rest = text.slice(last + 1);
    if (last >= 0) yield text.slice(0, last).split('\n');
  }
  if (rest) yield [rest];
}

/** occurred_at's minute (YYYY-MM-DDTHH:MM) of a generated events line. */
function minuteOf(line: string): string {
  const first = line.indexOf(',');
  const second = line.indexOf(',', first + 1);
  return line.slice(second + 1, second + 17);
}

export async function splitNewest(file: string, mainFile: string, recentFile: string, share = 0.01): Promise<EventSplit> {
  const perMinute = new Map<string, number>();
  let total = 0;
  let header = true;
  for await (const batch of lines(file)) {
    for (const line of batch) {
      if (header) {
        header = false;
        continue;
      }
      const minute = minuteOf(line);
      const seen = perMinute.get(minute);
      // A new key is copied: a slice would keep its whole 1 MB chunk alive, and with it the file.
      if (seen === undefined) perMinute.set(Buffer.from(minute, 'latin1').toString('latin1'), 1);
      else perMinute.set(minute, seen + 1);
      total++;
    }
  }
  // The latest minutes whose events add up to at least `share` of all events.
  let held = 0;
  let cut = '9999';
  for (const minute of [...perMinute.keys()].sort().reverse()) {
    if (held >= total * share) break;
    held += perMinute.get(minute) ?? 0;
    cut = minute;
  }
  const main = new Output(mainFile);
  const recent = new Output(recentFile);
  header = true;
  for await (const batch of lines(file)) {
    for (const line of batch) {
      if (header) {
        header = false;
        main.add(line);
        recent.add(line);
      } else (minuteOf(line) >= cut ? recent : main).add(line);
    }
    await Promise.all([main.flush(), recent.flush()]);
  }
  await Promise.all([main.close(), recent.close()]);
  return { main: main.rows - 1, recent: recent.rows - 1, cut: `${cut}:00Z` };
}

/** Lines gathered into ~1 MB writes, waiting for 'drain' when the stream's buffer is full. */
class Output {
  private readonly stream: fs.WriteStream;
  private chunks: string[] = [];
  buffered = 0;
  rows = 0;

  constructor(file: string) {
    this.stream = fs.createWriteStream(file);
  }

  add(line: string): void {
    this.chunks.push(line, '\n');
    this.buffered += line.length + 1;
    this.rows++;
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.buffered = 0;
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

import type { Progress } from '../ingest';

const WIDTH = 30;

/**
 * Load progress for stderr: on a terminal one bar redrawn in place; otherwise
 * (CI logs, pipes) a plain line at every tenth of a file, so logs stay short.
 */
export function progressReporter(stream: NodeJS.WriteStream): { onBatch: (p: Progress) => void; done: () => void } {
  let drawn = false;
  let lastTenth = new Map<string, number>();
  return {
    onBatch({ summary, bytesRead, bytesTotal }) {
      const share = bytesTotal > 0 ? Math.min(1, bytesRead / bytesTotal) : 1;
      const rate = summary.elapsedMs > 0 ? Math.round((summary.read * 1000) / summary.elapsedMs) : 0;
      const counts = `${summary.read.toLocaleString('en-US')} rows, ${summary.loaded.toLocaleString('en-US')} loaded, ${rate.toLocaleString('en-US')} rows/s`;
      if (stream.isTTY) {
        const filled = Math.round(share * WIDTH);
        stream.write(`\r${summary.kind.padEnd(6)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${counts}\u001b[K`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > (lastTenth.get(summary.file) ?? 0)) {
        lastTenth.set(summary.file, tenth);
        stream.write(`${summary.kind}: ${tenth * 10}% ${counts}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
      lastTenth = new Map();
    },
  };
}

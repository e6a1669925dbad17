import pino from 'pino';

/** Structured logs: one JSON line per entry on stderr (pino), details first, then the message. */
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export function createLogger(options: { quiet?: boolean } = {}): Logger {
  // Errors under any key are serialised with message and stack (pino's err serialiser by key name would miss `cause`).
  const base = pino(
    {
      level: options.quiet ? 'error' : 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 2, sync: true }),
  );
  const write = (level: 'info' | 'warn' | 'error') => (details: object, message: string) => {
    if (!base.isLevelEnabled(level)) return;
    const entry: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(details)) entry[key] = value instanceof Error ? { message: value.message, stack: value.stack } : value;
    base[level](entry, message);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

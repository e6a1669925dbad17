/** A small structured logger: one JSON line per entry on stderr. */
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export function createLogger(options: { quiet?: boolean } = {}): Logger {
  const write = (level: string) => (details: object, message: string) => {
    if (options.quiet && level !== 'error') return;
    const entry: Record<string, unknown> = { level, time: new Date().toISOString(), msg: message };
    for (const [key, value] of Object.entries(details)) entry[key] = value instanceof Error ? { message: value.message, stack: value.stack } : value;
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

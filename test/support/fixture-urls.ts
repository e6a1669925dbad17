/** The database that holds fixture `name` when tests run on PostgreSQL: <DATABASE_URL's db>_fx_<name>. */
export function fixtureDatabaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  const base = parsed.pathname.slice(1) || 'postgres';
  parsed.pathname = `/${base}_fx_${name}`;
  return parsed.toString();
}

import { Option, type Command } from 'commander';
import { createKey, listKeys, revokeKey, ROLES, type Role } from '../auth';
import { loadConfig } from '../config/config';
import { migrateToLatest, openWarehouse, type Warehouse } from '../db';
import { renderTable } from './format-result';

/** `pulse keys create|list|revoke` (SPEC §11): API keys in the warehouse, only their hashes stored. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('Create, list and revoke API keys (Authorization: Bearer <key>).');

  keys
    .command('create')
    .description('Create a key and print it once, as the last line (only a hash is kept).')
    .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).makeOptionMandatory())
    .option('--tenant <id>', "the tenant whose data alone the key sees (none: every tenant's)")
    .option('--name <text>', 'a name to list and revoke it by (default key-<id>)')
    .action((o: { role: Role; tenant?: string; name?: string }) =>
      withWarehouse(async (w) => {
        const { name, key } = await createKey(w.db, { role: o.role, tenant: o.tenant ?? null, name: o.name ?? null });
        console.log(`created ${o.role} key "${name}"${o.tenant ? ` for tenant ${o.tenant}` : ''}; it is shown only now:`);
        console.log(key);
      }),
    );

  keys
    .command('list')
    .description('Show each key: name, role, tenant, created, last used, revoked.')
    .action(() =>
      withWarehouse(async (w) => {
        const rows = (await listKeys(w.db)).map((k) => [
          k.name, k.role, k.tenant, k.createdAt.toISOString(), k.lastUsedAt?.toISOString() ?? null, k.revokedAt?.toISOString() ?? null,
        ]);
        const columns = ['name', 'role', 'tenant', 'created', 'last_used', 'revoked'];
        console.log(rows.length ? renderTable({ title: 'keys', columns, rows }) : 'no keys yet: pulse keys create --role viewer --tenant <id>');
      }),
    );

  keys
    .command('revoke')
    .description('End a key at once.')
    .argument('<name>', 'the key name (pulse keys list)')
    .action((name: string) =>
      withWarehouse(async (w) => {
        if (!(await revokeKey(w.db, name))) throw new Error(`no key named "${name}" (pulse keys list shows them)`);
        console.log(`revoked key "${name}"`);
      }),
    );
}

async function withWarehouse(run: (w: Warehouse) => Promise<void>): Promise<void> {
  const warehouse = await openWarehouse(loadConfig());
  try {
    await migrateToLatest(warehouse.db);
    await run(warehouse);
  } finally {
    await warehouse.close();
  }
}

import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parse } from 'graphql';
import { buildManifest } from '../graphql';

/** `pulse persisted-queries FILE...`: the allow-list manifest of the host product's documents (PULSE_PERSISTED_QUERIES). */
export function registerPersistedQueries(program: Command): void {
  program
    .command('persisted-queries')
    .description('Write the persisted query manifest (Apollo format) of .graphql files, one document each, for PULSE_PERSISTED_QUERIES.')
    .argument('<files...>', '.graphql files; each is listed by its exact text and named after the file')
    .option('--out <file>', 'write the manifest here (default: print it)')
    .action((files: string[], o: { out?: string }) => {
      const documents = files.map((file) => {
        const body = fs.readFileSync(file, 'utf8');
        try {
          parse(body); // a document the server could never run is an error now, not a 400 in production
        } catch (error) {
          throw new Error(`${file}: not a GraphQL document (${error instanceof Error ? error.message : String(error)})`);
        }
        return { name: path.basename(file, path.extname(file)), body };
      });
      const manifest = buildManifest(documents);
      if (o.out === undefined) process.stdout.write(manifest);
      else {
        fs.writeFileSync(o.out, manifest);
        console.log(`${o.out}: ${documents.length} documents; clients send {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": <id>}}}`);
      }
    });
}

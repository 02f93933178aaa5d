// Emits openapi/openapi.json from the code, with no database (Nest preview mode). `--check` fails on drift instead.
import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseConfig } from './config/app-config.js';
import { createRegistryApp } from './app.js';
import { documentPlatformRefusals } from './platform/http/api-problems.decorator.js';
import { buildOpenApiDocument } from './platform/openapi/openapi.js';

export const SPEC_PATH = resolve(import.meta.dirname, '../../openapi/openapi.json');

export async function renderOpenApi(): Promise<string> {
  // Defaults only: the committed spec must not depend on the machine that emitted it.
  const config = parseConfig({ LOG_LEVEL: 'silent' });
  const app = await createRegistryApp({ config, databaseUrl: 'postgres://preview.invalid/none', preview: true });
  try {
    return `${JSON.stringify(documentPlatformRefusals(buildOpenApiDocument(app, config)), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const spec = await renderOpenApi();
  if (process.argv.includes('--check')) {
    const committed = await readFile(SPEC_PATH, 'utf8').catch(() => '');
    if (committed !== spec) {
      console.error(`${SPEC_PATH} is out of date with the code: run \`npm run openapi\` and commit the result.`);
      process.exit(1);
    }
    console.log('openapi/openapi.json matches the code');
    return;
  }
  await writeFile(SPEC_PATH, spec);
  console.log(`wrote ${SPEC_PATH}`);
}

await main();

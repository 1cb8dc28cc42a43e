// Prisma 7's `migrate diff --from-empty --to-schema <file> --script` for many schemas in one process,
// through the npm package @prisma/schema-engine-wasm (no native engine needed).
//   node se-batch.mjs <list-file> <out-dir>   (list-file: one schema path per line; writes <out-dir>/<n>.sql or <n>.err)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
const bgUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
const bg = await import(bgUrl);
const wasmBytes = readFileSync(path.join(path.dirname(fileURLToPath(bgUrl)), 'schema_engine_bg.wasm'));
const { instance } = await WebAssembly.instantiate(wasmBytes, { './schema_engine_bg.js': bg });
bg.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start?.();
const { PrismaPg } = await import('@prisma/adapter-pg');
const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');
const [listFile, outDir] = process.argv.slice(2);
const schemas = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: process.env.DATABASE_URL }));
const filters = { externalTables: [], externalEnums: [] };
for (let i = 0; i < schemas.length; i++) {
  try {
    const files = [{ path: schemas[i], content: readFileSync(schemas[i], 'utf8') }];
    const engine = await bg.SchemaEngine.new({ datamodels: files.map(f => [f.path, f.content]) }, () => {}, factory);
    const r = await engine.diff({ from: { tag: 'empty' }, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: null, filters });
    writeFileSync(path.join(outDir, `${i}.sql`), r.stdout ?? '');
  } catch (e) {
    writeFileSync(path.join(outDir, `${i}.err`), String(e?.message ?? e));
  }
}
process.exit(0);

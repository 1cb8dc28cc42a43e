// A Prisma generator (the CLI's JSON-RPC protocol: requests on stdin, replies on stderr, one JSON per line) that
// writes the query schema of Prisma's DMMF (input object types, their fields and constraints, enums and the operations'
// arguments) to <output>/dmmf-schema.json: what Prisma Client 7 accepts, for DmmfInputTypesTest.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const reply = (id, result) => process.stderr.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);
const fail = (id, e) => process.stderr.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32000, message: String(e?.stack ?? e) } })}\n`);

readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on('line', (line) => {
  let msg;
  try { msg = JSON.parse(line); } catch { return; }
  try {
    if (msg.method === 'getManifest') {
      reply(msg.id, { manifest: { prettyName: 'DMMF query schema dump', defaultOutput: '.', requiresEngines: [] } });
    } else if (msg.method === 'generate') {
      const out = msg.params.generator.output?.value ?? '.';
      fs.mkdirSync(out, { recursive: true });
      const { inputObjectTypes, outputObjectTypes, enumTypes } = msg.params.dmmf.schema;
      fs.writeFileSync(path.join(out, 'dmmf-schema.json'), JSON.stringify({ inputObjectTypes, outputObjectTypes, enumTypes }));
      reply(msg.id, null);
    }
  } catch (e) { fail(msg.id, e); }
});

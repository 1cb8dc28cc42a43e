// Prisma 7's side of bulk.sh's import: an NDJSON file sent to the generic Prisma peer as createMany calls of BATCH
// rows, one after the other (each its own INSERT, as an application importing with Prisma would).
//   node bulk-prisma-import.mjs FILE URL BATCH   (URL: http://127.0.0.1:PORT/rpc/post/createMany)
// Prints "<rows inserted> <ms>"; any answer other than 200 ends it with the answer on stderr.
import fs from 'node:fs';
import readline from 'node:readline';

const [file, url, batchText] = process.argv.slice(2);
const batchSize = Number(batchText);
let inserted = 0;
const send = async (data) => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
  const text = await r.text();
  if (r.status !== 200) { console.error(`createMany answered ${r.status}: ${text.slice(0, 500)}`); process.exit(1); }
  inserted += JSON.parse(text).count;
};
const start = process.hrtime.bigint();
let batch = [];
for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  batch.push(JSON.parse(line));
  if (batch.length === batchSize) { await send(batch); batch = []; }
}
if (batch.length > 0) await send(batch);
console.log(`${inserted} ${Number((process.hrtime.bigint() - start) / 1000000n)}`);

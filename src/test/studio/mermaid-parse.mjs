// Parses each file given with Mermaid's own parser; prints one line a file, exits 1 if any is refused.
import { readFileSync } from 'node:fs';
import mermaid from 'mermaid';

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(readFileSync(file, 'utf8'));
    console.log(`accepted ${file}: ${result.diagramType}`);
  } catch (e) {
    failed++;
    console.log(`refused ${file}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);

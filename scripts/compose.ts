import 'reflect-metadata';
import fs from 'node:fs';
import { SUPERGRAPH_PATH, composeSupergraph } from '../gateway/composition.js';

const result = await composeSupergraph();
if (!result.ok) {
  console.error(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
fs.writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
console.log(`Wrote ${SUPERGRAPH_PATH.pathname}`);

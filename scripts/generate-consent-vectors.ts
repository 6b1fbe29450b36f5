import fs from 'node:fs';
import path from 'node:path';
import { consentVectors } from './consent-vectors.js';

/**
 * Writes the consent test vectors (deterministic: the same files every run).
 * Usage: npm run vectors [-- out-dir]   (default docs/consent-vectors; README.md there is not touched)
 */
const outDir = process.argv[2] ?? path.join('docs', 'consent-vectors');
const { files } = consentVectors();
for (const [name, content] of Object.entries(files)) {
  const file = path.join(outDir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
console.log(`Wrote ${Object.keys(files).length} files to ${outDir}`);

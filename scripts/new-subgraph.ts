import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { SUBGRAPH_NAMES } from '../subgraphs/shared/config.js';

/**
 * `npm run new-subgraph -- <name>`: a partner subgraph in `subgraphs/<name>/` from
 * scripts/partner-template/ (every `.tmpl` file, with the name filled in). It passes its own
 * tests and the data policy as generated; docs/partners.md says how to register and grow it.
 */
const TEMPLATE = fileURLToPath(new URL('./partner-template/', import.meta.url));
const SUBGRAPHS = fileURLToPath(new URL('../subgraphs/', import.meta.url));

export async function generatePartnerSubgraph(name: string, into: string = SUBGRAPHS): Promise<string[]> {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(name))
    throw new Error(`"${name}" is not a subgraph name: use lower-case letters, digits and - (2 to 31, a letter first).`);
  if ((SUBGRAPH_NAMES as readonly string[]).includes(name) || name === 'shared') throw new Error(`"${name}" is taken by a first-party part.`);
  const target = path.join(into, name);
  if (fs.existsSync(target)) throw new Error(`${target} exists already; nothing was written.`);
  const words = name.split('-');
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const tokens: Record<string, string> = {
    __name__: name,
    __Name__: pascal,
    __camel__: pascal[0].toLowerCase() + pascal.slice(1),
    __table__: `${words.join('_')}_records`,
  };
  const fill = (text: string) => text.replace(/__(name|Name|camel|table)__/g, (token) => tokens[token]);
  const written: string[] = [];
  const copy = (from: string, to: string) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) copy(source, path.join(to, entry.name));
      else if (entry.name.endsWith('.tmpl')) {
        const file = path.join(to, fill(entry.name.slice(0, -'.tmpl'.length)));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, fill(fs.readFileSync(source, 'utf8')));
        written.push(file);
      }
    }
  };
  copy(TEMPLATE, target);
  // Names change line lengths: the generated code is formatted as the repository's is.
  for (const file of written) {
    const options = await prettier.resolveConfig(file);
    fs.writeFileSync(file, await prettier.format(fs.readFileSync(file, 'utf8'), { ...options, filepath: file }));
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const name = process.argv[2];
  if (!name) {
    console.error('Usage: npm run new-subgraph -- <name>   (lower-case letters, digits and -)');
    process.exit(1);
  }
  try {
    const files = await generatePartnerSubgraph(name);
    console.log(`Created subgraphs/${name}/ (${files.length} files). Next (docs/partners.md):`);
    console.log(`  1. npx vitest run subgraphs/${name}/   (its own tests pass as generated)`);
    console.log('  2. register it in partners.json: name, url, signingSecretEnv, allowedPurposes, module');
    console.log('  3. npm run compose   (the data policy checks it, and the supergraph gains it)');
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

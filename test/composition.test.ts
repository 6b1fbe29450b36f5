import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH, composeSupergraph } from '../gateway/composition.js';

describe('supergraph composition', () => {
  it('composes without errors and matches the checked-in gateway/supergraph.graphql', async () => {
    const result = await composeSupergraph();
    // On failure, show every composition error rather than a bare "false".
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    const checkedIn = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
    expect(result.supergraphSdl === checkedIn, 'gateway/supergraph.graphql is stale: run `npm run compose`').toBe(true);
  });

  it('keeps personalizing fields behind @requires of base fields only (never a field that itself @requires)', async () => {
    const result = await composeSupergraph();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    // First-party fields (registered partners' are the data policy's: test/data-policy.test.ts).
    const requires = [
      ...result.supergraphSdl.matchAll(/^\s+(\w+)\(?.*graph: (?:CONSENT|PROFILE|RECOMMENDATIONS|EXPLANATIONS), requires: "([^"]+)"/gm),
    ].map((m) => ({ field: m[1], requires: m[2] }));
    const fieldsWithRequires = new Set(requires.map((r) => r.field));
    expect(requires.map((r) => r.field).sort()).toEqual(['explanation', 'recommendations', 'signals']);
    for (const r of requires) {
      const required = r.requires
        .replace(/\{[^}]*\}/g, ' ')
        .split(/\s+/)
        .filter(Boolean);
      for (const field of required) expect(fieldsWithRequires.has(field), `${r.field} requires ${field}`).toBe(false);
    }
    expect(result.supergraphSdl).toMatch(/storedSignals: \[TaggedSignal!\]! @inaccessible/);
  });
});

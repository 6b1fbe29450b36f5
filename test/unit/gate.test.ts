import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gateSignals, grantedPurposeSet } from '../../subgraphs/shared/gate.js';
import { ALL_PURPOSES, Purpose } from '../../subgraphs/shared/purposes.js';

const signal = (purpose: string, value = 'tents') => ({
  kind: 'LIKE_CATEGORY',
  value,
  weight: 1,
  occurredAt: '2026-11-01T00:00:00.000Z',
  purpose,
  noticeVersion: 1,
});

describe('the consent gate', () => {
  it('keeps only signals whose purpose is granted', () => {
    const signals = [signal(Purpose.STATED), signal(Purpose.BEHAVIORAL), signal(Purpose.PURCHASE)];
    expect(gateSignals([Purpose.STATED, Purpose.PURCHASE], signals)).toEqual([signals[0], signals[2]]);
  });

  it('fails closed on missing or malformed requirements', () => {
    const signals = [signal(Purpose.STATED)];
    for (const granted of [undefined, null, 'personalization.stated', [1, 2], {}, [Purpose.STATED, 7]]) {
      expect(gateSignals(granted, signals)).toEqual([]);
    }
    expect(gateSignals([Purpose.STATED], 'not a list')).toEqual([]);
    expect(gateSignals([Purpose.STATED], [{ ...signal(Purpose.STATED), weight: 'heavy' }, null, 3])).toEqual([]);
  });

  it('never lets essential personalize', () => {
    expect(grantedPurposeSet([Purpose.ESSENTIAL]).size).toBe(0);
    expect(gateSignals([Purpose.ESSENTIAL], [signal(Purpose.ESSENTIAL)])).toEqual([]);
  });

  it('never passes a signal of a purpose that is not granted (property)', () => {
    const purpose = fc.constantFrom(...ALL_PURPOSES, 'made.up');
    fc.assert(
      fc.property(fc.array(purpose), fc.array(purpose.map((p) => signal(p))), (granted, signals) => {
        for (const s of gateSignals(granted, signals)) {
          expect(granted).toContain(s.purpose);
          expect(s.purpose).not.toBe(Purpose.ESSENTIAL);
        }
      }),
    );
  });
});

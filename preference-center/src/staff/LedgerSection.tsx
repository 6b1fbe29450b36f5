import { useState } from 'react';
import { staffRequest, StaffApiError } from './api.js';

const VERIFY = '{ verifyLedger { ok checked tombstones firstBroken { seq customerId reason } } }';

interface Verification {
  ok: boolean;
  checked: number;
  tombstones: number;
  firstBroken: { seq: number; customerId: string; reason: string } | null;
}

/** Recomputes every consent ledger hash chain (administrators). */
export function LedgerSection() {
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult((await staffRequest<{ verifyLedger: Verification }>(VERIFY)).verifyLedger);
    } catch (e) {
      setResult(null);
      setError(e instanceof StaffApiError && e.code === 'FORBIDDEN' ? 'Only administrators can verify the ledger.' : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>Recomputes the hash chain of every customer&apos;s consent decisions and names the first broken entry, if any.</p>
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {busy ? 'Verifying…' : 'Verify the consent ledger'}
      </button>
      <div role="status" data-testid="ledger-result">
        {result &&
          (result.ok
            ? `The ledger is intact: ${result.checked} entries checked, ${result.tombstones} erased customers proven by tombstones.`
            : `The ledger is broken at entry ${result.firstBroken?.seq} (customer ${result.firstBroken?.customerId}): ${result.firstBroken?.reason}.`)}
      </div>
      {error && <p role="alert">{error}</p>}
    </>
  );
}

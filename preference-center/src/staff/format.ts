export const percent = (x: number | null | undefined, digits = 1) => (typeof x === 'number' ? `${(x * 100).toFixed(digits)}%` : '—');
export const amount = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const signedPercent = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
export const day = (iso: string) => iso.slice(0, 10);

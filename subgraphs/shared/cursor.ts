import { badInput } from './errors.js';

/** Opaque pagination cursors over a numeric sequence. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('The cursor is not one we gave out.', { field: 'after' });
  return Number(match[1]);
}

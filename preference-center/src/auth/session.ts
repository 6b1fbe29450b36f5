/**
 * The signed-in customer's session, kept in this browser tab only (sessionStorage), never in a
 * cookie or localStorage. Any identity provider can start a session by calling `startSession`
 * with the token it obtained; the rest of the app only reads `currentSession`.
 */
export interface Session {
  token: string;
  customerId: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const STORAGE_KEY = 'preference-center.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function currentSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function startSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  notify(session);
}

export function endSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  notify(null);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(session: Session | null): void {
  for (const listener of listeners) listener(session);
}

/** Tells this browser's other tabs that a customer's account was erased, so they sign out too. */
const ERASURE_CHANNEL = 'preference-center.erasure';

export function announceErasure(customerId: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(ERASURE_CHANNEL);
  channel.postMessage({ erased: customerId });
  channel.close();
}

/** Ends this tab's session when another tab erased the same account; answers a stop function. */
export function onErasureElsewhere(signedOut: (customerId: string) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(ERASURE_CHANNEL);
  channel.onmessage = (event: MessageEvent<{ erased?: string }>) => {
    const erased = event.data?.erased;
    if (erased && currentSession()?.customerId === erased) {
      endSession();
      signedOut(erased);
    }
  };
  return () => channel.close();
}

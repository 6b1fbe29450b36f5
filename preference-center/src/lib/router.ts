import { useEffect, useState } from 'react';

/** The pages of the preference center, by path (`name` picks the link's words from the catalog). */
export const PAGES = [
  { path: '/consent', name: 'consent' },
  { path: '/preferences', name: 'preferences' },
  { path: '/recommendations', name: 'recommendations' },
  { path: '/my-data', name: 'myData' },
] as const;
export type PagePath = (typeof PAGES)[number]['path'];

const NAVIGATE = 'preference-center:navigate';

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE));
}

/** The current page; unknown paths show the consent page. */
export function useCurrentPage(): PagePath {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE, update);
    };
  }, []);
  return PAGES.find((p) => p.path === path)?.path ?? '/consent';
}

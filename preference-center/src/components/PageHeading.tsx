import { useEffect, useRef } from 'react';
import { useStrings } from '../i18n/locale.js';

/** The page's h1 and the window title, the h1 focused when the page opens so screen-reader and keyboard users start there. */
export function PageHeading({ title, children }: { title: string; children?: React.ReactNode }) {
  const t = useStrings();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = t.app.windowTitle(title);
  }, [t, title]);
  return (
    <header className="page-heading">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children && <p className="lead">{children}</p>}
    </header>
  );
}

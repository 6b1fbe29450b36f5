import { useEffect, useRef } from 'react';

/** The page's h1 and the window title, the h1 focused when the page opens so screen-reader and keyboard users start there. */
export function PageHeading({ title, children }: { title: string; children?: React.ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} — Your privacy and preferences`;
  }, [title]);
  return (
    <header className="page-heading">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children && <p className="lead">{children}</p>}
    </header>
  );
}

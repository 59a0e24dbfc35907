import { useEffect } from 'react';

/** Sets the document title so tabs, history and screen readers name the page. */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Common Ground` : 'Common Ground';
  }, [title]);
}

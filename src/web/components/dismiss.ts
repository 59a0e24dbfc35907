import { useEffect, type FocusEvent, type RefObject } from 'react';

/**
 * While a menu or popover is open: Escape closes it and gives focus back to the button that
 * opened it; a press anywhere outside `wrapper` closes it. Returns the wrapper's onBlur, which
 * closes it when focus moves out (by Tab; a press elsewhere may not move focus).
 */
export function useDismiss(open: boolean, close: () => void, wrapper: RefObject<HTMLElement | null>, button: RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        close();
        button.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close, wrapper, button]);
  return (e: FocusEvent<HTMLElement>) => {
    if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) close();
  };
}

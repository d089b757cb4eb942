/**
 * Opens a <details> panel, scrolls it into view and focuses its first control whenever `signal`
 * grows (the desktop menu's Import… / Export…).
 */
import { useEffect, type RefObject } from 'react';

export function useReveal(ref: RefObject<HTMLDetailsElement | null>, signal: number): void {
  useEffect(() => {
    const details = ref.current;
    if (signal === 0 || !details) return;
    details.open = true;
    details.scrollIntoView({ block: 'start', behavior: 'smooth' });
    details.querySelector<HTMLElement>('select, input, button')?.focus({ preventScroll: true });
  }, [ref, signal]);
}

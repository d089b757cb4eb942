import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0 && !element.closest('[inert]'));
}

/**
 * Makes the element of `ref` (a dialog rendered into document.body) modal: everything else on the
 * page is inert (no focus, no clicks, hidden from screen readers), Tab and Shift+Tab cycle inside
 * the dialog, Escape calls `onClose`, and focus returns to where it was when the dialog closes.
 * Workspace shortcuts check for an open `[aria-modal="true"]` dialog and stay off meanwhile
 * (workspace/key_bindings.ts).
 */
export function useModal(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;
  // Read on the first render: by the time effects run, autoFocus has moved focus into the dialog.
  const openedFrom = useRef(document.activeElement);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = openedFrom.current instanceof HTMLElement ? openedFrom.current : null;
    const others = [...document.body.children].filter(
      (element): element is HTMLElement => element instanceof HTMLElement && element !== dialog && !element.contains(dialog) && !element.inert,
    );
    for (const element of others) element.inert = true;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusable = focusableIn(dialog);
      if (focusable.length === 0) {
        event.preventDefault();
        return;
      }
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      const active = document.activeElement;
      const inside = active instanceof Node && dialog.contains(active);
      if (event.shiftKey && (!inside || active === first)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (!inside || active === last)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      for (const element of others) element.inert = false;
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}

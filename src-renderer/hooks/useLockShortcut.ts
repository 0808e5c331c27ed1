import { useEffect, useRef } from 'react';

/** Ctrl+L (Cmd+L on a Mac) anywhere in the window locks the workstation. */
export function useLockShortcut(lock: () => void): void {
  const latest = useRef(lock);
  latest.current = lock;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== 'l' && event.code !== 'KeyL') return;
      event.preventDefault();
      event.stopPropagation();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}

import type { ReactNode } from 'react';
import { useToast } from './Toasts.js';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers and plain-http origins: copy through a hidden text area.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function CopyButton({
  text,
  label = 'Copy',
  what = 'Link',
  className = 'button button-secondary',
  ariaLabel,
}: {
  text: string;
  label?: ReactNode;
  what?: string;
  className?: string;
  /** The button's name when its label is an icon. */
  ariaLabel?: string;
}) {
  const { notify } = useToast();
  return (
    <button
      type="button"
      className={className}
      aria-label={ariaLabel}
      onClick={async () => {
        const ok = await copyText(text);
        notify(ok ? `${what} copied` : `Could not copy: select the ${what.toLowerCase()} and copy it by hand`, ok ? 'info' : 'error');
      }}
    >
      {label}
    </button>
  );
}

import { useMemo } from 'react';
import QRCode from 'qrcode';

/** Light modules kept around the code, inside the image: scanners need a quiet zone. */
const QUIET = 2;

/**
 * A QR code of `text` drawn as vector squares, so that it prints sharp at any size and any
 * printer's resolution (a bitmap scaled to millimetres blurs its modules).
 */
export function BadgeQr({ text, label, className }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const steps: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) steps.push(`M${col + QUIET} ${row + QUIET}h1v1h-1z`);
      }
    }
    return { size: modules.size + 2 * QUIET, path: steps.join('') };
  }, [text]);
  return (
    <svg className={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

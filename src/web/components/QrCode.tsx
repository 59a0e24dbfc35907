import { useEffect, useState } from 'react';

/** A QR code of `text` as an image, for phones to scan from a screen or a printout. */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    // Loaded on demand: only organizers sharing a link need the encoder.
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(text, { width: size * 2, margin: 1, errorCorrectionLevel: 'M', color: { dark: '#1b1a17', light: '#ffffff' } }))
      .then((url) => {
        if (!cancelled) setSrc(url);
      })
      .catch(() => {
        if (!cancelled) setSrc(undefined);
      });
    return () => {
      cancelled = true;
    };
  }, [text, size]);
  return src ? (
    <img className="qr" src={src} width={size} height={size} alt={label} />
  ) : (
    <div className="qr qr-placeholder" style={{ width: size, height: size }} aria-hidden="true" />
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';

interface View {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The most the picture zooms in: an eighth of its width across the frame. */
const MOST_ZOOM = 8;

/**
 * The who-met-whom picture, drawn from the SVG text core made (its text escaped there), that
 * zooms and pans: buttons, a pinch or ctrl + wheel to zoom, dragging to move about once zoomed.
 * At its full size the page scrolls over it as over anything else.
 */
export function InsightsPicture({ svg, label }: { svg: string; label: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const size = useMemo(() => {
    const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
    return { w: Number(match?.[1] ?? 100), h: Number(match?.[2] ?? 100) };
  }, [svg]);
  const whole = useMemo<View>(() => ({ x: 0, y: 0, ...size }), [size]);
  const [view, setView] = useState<View>(whole);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const html = useMemo(() => ({ __html: svg }), [svg]);
  const zoomed = view.w < whole.w - 0.5;

  useEffect(() => setView(whole), [whole]);
  useEffect(() => {
    frame.current?.querySelector('svg')?.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  }, [view, html]);

  /** Keeps the view inside the picture and between the whole and MOST_ZOOM. */
  const clamp = (next: View): View => {
    const w = Math.min(whole.w, Math.max(whole.w / MOST_ZOOM, next.w));
    const h = (w / whole.w) * whole.h;
    return { w, h, x: Math.min(whole.w - w, Math.max(0, next.x)), y: Math.min(whole.h - h, Math.max(0, next.y)) };
  };

  /** Zooms by `factor` (> 1 closer) about a point given as fractions of the frame. */
  const zoom = (factor: number, fx = 0.5, fy = 0.5) =>
    setView((current) => {
      const w = current.w / factor;
      const h = current.h / factor;
      return clamp({ w, h, x: current.x + (current.w - w) * fx, y: current.y + (current.h - h) * fy });
    });

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    // A trackpad's pinch arrives as ctrl + wheel; a plain wheel scrolls the page.
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      zoom(Math.exp(-event.deltaY * 0.01), (event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (!zoomed && event.pointerType !== 'touch') return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (zoomed || pointers.current.size === 2) event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    const before = pointers.current.get(event.pointerId);
    if (!before) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const others = [...pointers.current.entries()].filter(([id]) => id !== event.pointerId).map(([, p]) => p);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (others.length === 1) {
      const other = others[0]!;
      const apart = Math.hypot(before.x - other.x, before.y - other.y);
      const now = Math.hypot(event.clientX - other.x, event.clientY - other.y);
      if (apart > 0) zoom(now / apart, ((other.x + event.clientX) / 2 - rect.left) / rect.width, ((other.y + event.clientY) / 2 - rect.top) / rect.height);
      return;
    }
    if (!zoomed) return;
    setView((current) =>
      clamp({ ...current, x: current.x - ((event.clientX - before.x) * current.w) / rect.width, y: current.y - ((event.clientY - before.y) * current.h) / rect.height }),
    );
  };
  const onPointerUp = (event: React.PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId);
  };

  return (
    <div className="insights-picture-frame">
      <div className="insights-zoom actions" role="group" aria-label="Zoom">
        <button type="button" className="button button-secondary button-small" onClick={() => zoom(1.5)} disabled={view.w <= whole.w / MOST_ZOOM + 0.5}>
          Zoom in
        </button>
        <button type="button" className="button button-secondary button-small" onClick={() => zoom(1 / 1.5)} disabled={!zoomed}>
          Zoom out
        </button>
        <button type="button" className="button button-quiet button-small" onClick={() => setView(whole)} disabled={!zoomed}>
          Whole picture
        </button>
        <span className="muted insights-zoom-hint">{zoomed ? 'Drag to move about.' : 'Pinch or ctrl + scroll to zoom.'}</span>
      </div>
      <div
        ref={frame}
        className={`insights-picture${zoomed ? ' is-zoomed' : ''}`}
        style={{ aspectRatio: `${whole.w} / ${whole.h}` }}
        role="figure"
        aria-label={label}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        dangerouslySetInnerHTML={html}
      />
    </div>
  );
}

/** The picture as a PNG file, drawn from its SVG on a canvas at twice its size (less for a huge one). */
export async function downloadPicturePng(svg: string, fileName: string): Promise<void> {
  const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const [width, height] = [Number(match?.[1] ?? 800), Number(match?.[2] ?? 600)];
  const scale = Math.min(2, 8000 / Math.max(width, height));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the picture.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be made into a PNG.'))), 'image/png'));
    saveFile(png, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

import { useEffect, useRef, useState } from 'react';

type ScannerState = 'asking' | 'scanning' | 'found' | 'denied' | 'no-camera' | 'busy' | 'insecure' | 'unsupported' | 'failed';

const MESSAGES: Record<ScannerState, string> = {
  asking: 'Opening the camera… Your browser may ask whether this page may use it.',
  scanning: 'Point your camera at their code',
  found: 'Got it.',
  denied: 'Camera access is off. You can type their code instead.',
  'no-camera': 'No camera was found on this device. You can type their code instead.',
  busy: 'The camera is in use by another app. Close that app and try again, or type their code instead.',
  insecure: 'The camera only works on a secure (https) link, and this page was opened over plain http. You can type their code instead.',
  unsupported: 'This browser cannot open the camera. You can type their code instead.',
  failed: 'The camera stopped or did not start. Try again, or type their code instead.',
};

/** States in which trying again may help (after changing a setting or closing another app). */
const RETRYABLE: ReadonlySet<ScannerState> = new Set(['denied', 'no-camera', 'busy', 'failed']);

// About 8 reads a second, on frames at most 640 px wide: quick enough to feel instant, light
// enough for a phone's battery.
const READ_EVERY_MS = 120;
const MAX_SIDE = 640;

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): { detect(source: CanvasImageSource): Promise<DetectedBarcode[]> };
  getSupportedFormats(): Promise<string[]>;
}

/** Reads a QR code from the current frame, drawn on `canvas`; null when there is none. */
type FrameReader = (canvas: HTMLCanvasElement, context: CanvasRenderingContext2D) => Promise<string | null>;

async function jsqrReader(): Promise<FrameReader> {
  // Loaded on demand: only someone scanning needs the decoder. It is a CommonJS module whose
  // function is also its own `default`, which is what its types describe.
  const jsQR = (await import('jsqr')).default.default;
  return async (canvas, context) => {
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    // Our codes are dark on light (screens and badges alike), so inverted images are not tried: twice as fast.
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** The browser's own detector where it has one for QR codes (faster, and kinder to batteries), else jsQR. */
async function frameReader(): Promise<FrameReader> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  try {
    if (Detector && (await Detector.getSupportedFormats()).includes('qr_code')) {
      const detector = new Detector({ formats: ['qr_code'] });
      let fallback: Promise<FrameReader> | undefined;
      return async (canvas, context) => {
        if (fallback) return (await fallback)(canvas, context);
        try {
          return (await detector.detect(canvas))[0]?.rawValue ?? null;
        } catch {
          // Some platforms list the detector yet cannot run it.
          fallback = jsqrReader();
          return (await fallback)(canvas, context);
        }
      };
    }
  } catch {
    // getSupportedFormats failed: use jsQR.
  }
  return jsqrReader();
}

function stateOfError(error: unknown): ScannerState {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'no-camera';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/** False on plain http from a phone (no `navigator.mediaDevices` outside secure contexts) and in old browsers. */
function canOpenCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof (navigator as Partial<Navigator>).mediaDevices?.getUserMedia === 'function';
}

function initialState(): ScannerState {
  if (canOpenCamera()) return 'asking';
  return typeof window !== 'undefined' && !window.isSecureContext ? 'insecure' : 'unsupported';
}

/**
 * The rear camera in a square viewfinder, reading QR codes until one is found: then the camera
 * is turned off and `onText` is called once with what the code says. The camera is also turned
 * off on cancel and when the scanner goes away.
 */
export function QrScanner({ onText, onCancel }: { onText(text: string): void; onCancel(): void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const onTextRef = useRef(onText);
  const stopRef = useRef<() => void>(() => {});
  const [state, setState] = useState<ScannerState>(initialState);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    onTextRef.current = onText;
  });

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !canOpenCamera()) return;
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      video.srcObject = null;
    };
    stopRef.current = stop;
    setState('asking');
    const reader = frameReader();

    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    async function readFrame(read: FrameReader) {
      if (stopped || !context) return;
      const started = performance.now();
      const { videoWidth, videoHeight } = video!;
      if (!document.hidden && videoWidth > 0 && videoHeight > 0) {
        const scale = Math.min(1, MAX_SIDE / Math.max(videoWidth, videoHeight));
        const width = Math.round(videoWidth * scale);
        const height = Math.round(videoHeight * scale);
        if (canvas.width !== width || canvas.height !== height) {
          canvas.width = width;
          canvas.height = height;
        }
        context.drawImage(video!, 0, 0, width, height);
        const text = await read(canvas, context).catch(() => null);
        if (stopped) return;
        if (text) {
          stop();
          setState('found');
          onTextRef.current(text);
          return;
        }
      }
      timer = setTimeout(() => void readFrame(read), Math.max(0, READ_EVERY_MS - (performance.now() - started)));
    }

    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      } catch (error) {
        if (!stopped) setState(stateOfError(error));
        return;
      }
      if (stopped) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      for (const track of stream.getVideoTracks()) {
        track.addEventListener('ended', () => {
          if (stopped) return;
          stop();
          setState('failed');
        });
      }
      video.srcObject = stream;
      try {
        await video.play();
        const read = await reader;
        if (stopped) return;
        setState('scanning');
        void readFrame(read);
      } catch {
        if (stopped) return;
        stop();
        setState('failed');
      }
    })();

    return stop;
  }, [attempt]);

  const failed = state !== 'asking' && state !== 'scanning' && state !== 'found';

  return (
    <section className="qr-scanner" aria-label="Scan their code">
      <div className="qr-viewfinder" hidden={failed}>
        <video ref={videoRef} className="qr-viewfinder-video" muted playsInline aria-hidden="true" />
        <div className="qr-viewfinder-guide" aria-hidden="true" />
        {state === 'asking' && (
          <p className="qr-viewfinder-wait" aria-hidden="true">
            Waiting for the camera…
          </p>
        )}
      </div>
      <p className={failed ? 'notice notice-warning qr-scanner-status' : 'qr-scanner-status'} role="status" aria-live="polite">
        {MESSAGES[state]}
      </p>
      <div className="qr-scanner-actions">
        {RETRYABLE.has(state) && (
          <button type="button" className="button button-primary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            stopRef.current();
            onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </section>
  );
}

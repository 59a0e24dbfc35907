// A fake camera for browser tests: Chromium, started with --use-file-for-fake-video-capture,
// plays a Y4M file in a loop as the camera's picture. This writes one that shows a QR code.
import { rename, writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 3;
const QUIET_ZONE = 4;
// Studio-range luma, as a camera would give it; chroma at 128 is grey.
const BLACK = 16;
const WHITE = 235;
const BACKGROUND = 150;

/** One frame's luma: a grey table with the code on white paper, as large as fits with room around. */
function lumaOf(text: string): Uint8Array {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const span = modules.size + 2 * QUIET_ZONE;
  const scale = Math.floor((HEIGHT - 40) / span);
  if (scale < 3) throw new Error(`"${text}" makes a QR code too dense for a ${WIDTH}×${HEIGHT} picture`);
  const side = span * scale;
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  const luma = new Uint8Array(WIDTH * HEIGHT).fill(BACKGROUND);
  for (let y = 0; y < side; y++) {
    const row = Math.floor(y / scale) - QUIET_ZONE;
    for (let x = 0; x < side; x++) {
      const col = Math.floor(x / scale) - QUIET_ZONE;
      const inCode = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
      const dark = inCode && modules.get(row, col) === 1;
      luma[(top + y) * WIDTH + left + x] = dark ? BLACK : WHITE;
    }
  }
  return luma;
}

/**
 * Writes a 640×480 YUV4MPEG2 (4:2:0) video of a few frames showing a QR code of `text`.
 * The file is written beside `filePath` and renamed over it, so a capture that already has the
 * old file open keeps reading a whole file, and the next capture to start reads the new one.
 */
export async function writeFakeCameraVideo(filePath: string, text: string): Promise<void> {
  const luma = lumaOf(text);
  const chroma = new Uint8Array((WIDTH / 2) * (HEIGHT / 2) * 2).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frameHeader = Buffer.from('FRAME\n', 'ascii');
  const parts: Uint8Array[] = [header];
  for (let frame = 0; frame < FRAMES; frame++) parts.push(frameHeader, luma, chroma);
  const temporary = `${filePath}.${process.pid}.tmp`;
  await writeFile(temporary, Buffer.concat(parts));
  await rename(temporary, filePath);
}

/** Chromium's flags for a camera that plays `filePath`, with camera permission granted without asking. */
export function fakeCameraArgs(filePath: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${filePath}`];
}

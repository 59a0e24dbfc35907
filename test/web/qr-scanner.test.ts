// Reading "we met" QR codes with the phone camera, in Chromium: a fake camera (a Y4M file) shows
// a QR code, and a small page reads it as the scanner does — getUserMedia for the rear camera,
// frames scaled down to at most 640 px, jsQR — then turns the camera off. Also pins what tests
// can rely on: a rewritten file is seen by the next capture, and one browser has one camera.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseMeetCode } from '../../src/web/met-code.js';
import { hasChromium, launchChromium } from '../support/browser.js';
import { fakeCameraArgs, writeFakeCameraVideo } from '../support/fake-camera.js';

const require = createRequire(import.meta.url);
const JSQR = require.resolve('jsqr');

// Served at http://localhost, which browsers count as a secure context: getUserMedia exists there.
const SCAN_PAGE = `<!doctype html>
<meta name="viewport" content="width=device-width, initial-scale=1">
<video muted playsinline></video>
<script>
  const video = document.querySelector('video');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stream;
  window.startCamera = async () => {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.srcObject = stream;
    await video.play();
    return stream.getVideoTracks()[0].label;
  };
  window.readCode = async (timeoutMs) => {
    const deadline = performance.now() + timeoutMs;
    let reads = 0;
    while (performance.now() < deadline) {
      if (video.videoWidth > 0) {
        const scale = Math.min(1, 640 / Math.max(video.videoWidth, video.videoHeight));
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        reads += 1;
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (code) return { text: code.data, reads, frame: canvas.width + 'x' + canvas.height };
      }
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    return { text: null, reads, frame: canvas.width + 'x' + canvas.height };
  };
  window.stopCamera = () => {
    const tracks = stream ? stream.getTracks() : [];
    for (const track of tracks) track.stop();
    video.srcObject = null;
    return tracks.map((track) => track.readyState);
  };
</script>`;

interface Reading {
  text: string | null;
  reads: number;
  frame: string;
}

describe.runIf(hasChromium || Boolean(process.env.CI))('scanning a QR code with the camera in Chromium', () => {
  let browser: Browser;
  let folder: string;
  let camera: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function scanPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    await context.route('http://localhost/scan', (route) => route.fulfill({ contentType: 'text/html', body: SCAN_PAGE }));
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('http://localhost/scan');
    await page.addScriptTag({ path: JSQR });
    return page;
  }
  const startCamera = (page: Page) => page.evaluate(() => (window as any).startCamera() as Promise<string>);
  const readCode = (page: Page) => page.evaluate(() => (window as any).readCode(5_000) as Promise<Reading>);
  const stopCamera = (page: Page) => page.evaluate(() => (window as any).stopCamera() as string[]);

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'cg-camera-'));
    camera = path.join(folder, 'camera.y4m');
    await writeFakeCameraVideo(camera, 'https://example.org/e/abc/met/K7PQ3Z');
    browser = await launchChromium(fakeCameraArgs(camera));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('reads the code the camera shows, turns the camera off, and reads a new code once the file is rewritten', async () => {
    const page = await scanPage();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);

    expect(await startCamera(page)).toBe(camera);
    const first = await readCode(page);
    expect(first.text).toBe('https://example.org/e/abc/met/K7PQ3Z');
    expect(first.frame).toBe('640x480');
    expect(parseMeetCode(first.text!)).toBe('K7PQ3Z');
    expect(await stopCamera(page)).toEqual(['ended']);

    // With every capture stopped, the next one opens the file again and shows what it holds now.
    await writeFakeCameraVideo(camera, 'https://cg.example/e/3f1c2a9e-1d7b-4c55-9a8e-2f0b4d6c8a10/met/ABCD2345/');
    await startCamera(page);
    const second = await readCode(page);
    expect(second.text).toBe('https://cg.example/e/3f1c2a9e-1d7b-4c55-9a8e-2f0b4d6c8a10/met/ABCD2345/');
    expect(parseMeetCode(second.text!)).toBe('ABCD2345');
    expect(await stopCamera(page)).toEqual(['ended']);
    expect(pageErrors).toEqual([]);
  });

  it('has one camera per browser: every context sees the same device, and a live capture keeps the file it opened', async () => {
    await writeFakeCameraVideo(camera, 'https://example.org/e/abc/met/HJK234');
    const ana = await scanPage();
    const bo = await scanPage();
    await startCamera(ana);
    expect((await readCode(ana)).text).toBe('https://example.org/e/abc/met/HJK234');

    // Bo's context opens "its" camera while Ana's is still on: the same device, the same picture,
    // though the file was replaced in between.
    await writeFakeCameraVideo(camera, 'https://example.org/e/abc/met/MNP567');
    expect(await startCamera(bo)).toBe(camera);
    expect((await readCode(bo)).text).toBe('https://example.org/e/abc/met/HJK234');
    for (const page of [ana, bo]) {
      const cameras = await page.evaluate(async () =>
        (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput').map((device) => device.label),
      );
      expect(cameras).toEqual([camera]);
    }

    // Once both are off, the next capture shows the new file.
    await stopCamera(ana);
    await stopCamera(bo);
    await startCamera(bo);
    expect((await readCode(bo)).text).toBe('https://example.org/e/abc/met/MNP567');
    await stopCamera(bo);
    expect(pageErrors).toEqual([]);
  });

  it('offers no camera to a page that is not a secure context', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.setContent('<!doctype html><p>Plain page</p>');
    expect(await page.evaluate(() => ({ secure: window.isSecureContext, camera: typeof navigator.mediaDevices }))).toEqual({ secure: false, camera: 'undefined' });
  });
});

if (!hasChromium && !process.env.CI) {
  describe('scanning a QR code with the camera in Chromium', () => {
    it.skip('skipped: browser tests — /usr/bin/chromium not found', () => {});
  });
}

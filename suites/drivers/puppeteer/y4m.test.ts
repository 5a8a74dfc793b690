/**
 * The fake camera's frames (y4m.ts): every frame is 640x480, so `showOnCamera` can write one over
 * another in place, and a code larger than the frame is shrunk, not cropped: it still decodes.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { readQrText } from '../../../sims/shared/scan.ts';
import { cameraFrame, showOnCamera } from './y4m.ts';

const dir = mkdtempSync(join(tmpdir(), 'authconf-y4m-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The frame's luma as an RGBA image, as a camera would deliver it to the page. */
function imageOf(frame: Buffer): { rgba: Uint8Array; width: number; height: number } {
  const header = frame.subarray(0, frame.indexOf('FRAME\n') + 6).toString('ascii');
  const [, width, height] = /W(\d+) H(\d+)/.exec(header)!.map(Number) as [number, number, number];
  const luma = frame.subarray(header.length, header.length + width * height);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < luma.length; i++) rgba.set([luma[i]!, luma[i]!, luma[i]!, 255], i * 4);
  return { rgba, width, height };
}

describe('fake camera frames', () => {
  it('are all the same size, blank or holding a small or a large code', async () => {
    const small = await QRCode.toBuffer('pingid://pair?key=1234', { scale: 4 });
    const large = await QRCode.toBuffer('pingid://pair?key=1234', { scale: 40 });
    const sizes = new Set([cameraFrame(undefined), cameraFrame(small), cameraFrame(large)].map((f) => f.length));
    expect(sizes.size).toBe(1);
  });

  it('a code larger than the frame is shrunk whole and still decodes; written over the file in place', async () => {
    const text = 'pingid://pair?key=ABCD-2345-EFGH';
    const large = await QRCode.toBuffer(text, { scale: 40 });
    const file = join(dir, 'camera.y4m');
    writeFileSync(file, cameraFrame(undefined)); // as the browser's launch does (browser.ts)
    const blankSize = statSync(file).size;
    showOnCamera(file, large);
    expect(statSync(file).size).toBe(blankSize);
    expect(readQrText(imageOf(readFileSync(file)))).toBe(text);
    showOnCamera(file, undefined);
    expect(readQrText(imageOf(readFileSync(file)))).toBeUndefined();
  });
});

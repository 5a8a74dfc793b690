/**
 * A one-frame YUV4MPEG2 file for Chromium's fake camera (`--use-file-for-fake-video-capture`),
 * written by hand (no ffmpeg; toolchain.md §5): the PNG centred on a white frame, luma from RGB
 * (BT.601), chroma flat grey. Chromium loops the frame and reads it from the file for every frame
 * it delivers, so a frame of the same size written over the file in place (`showOnCamera`) is what
 * an open capture session sees next, within a frame or two: no restart of the page's capture,
 * and no race with a capture device that is still closing. (The sims' browser tests use it too.)
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { PNG } from 'pngjs';

/** The fake camera's frame size: every frame has it, so a frame can replace another in place. */
const CAMERA_WIDTH = 640;
const CAMERA_HEIGHT = 480;

/**
 * A frame of exactly CAMERA_WIDTH x CAMERA_HEIGHT: a code larger than the frame (with its quiet
 * zone) is shrunk by a whole factor (each module stays square and sharp), never cropped.
 */
export function cameraFrame(png: Uint8Array | undefined): Buffer {
  const image = png ? PNG.sync.read(Buffer.from(png)) : undefined;
  const factor = image ? Math.max(1, Math.ceil(Math.max((image.width + 32) / CAMERA_WIDTH, (image.height + 32) / CAMERA_HEIGHT))) : 1;
  return frameOf(image, CAMERA_WIDTH, CAMERA_HEIGHT, factor);
}

/** Shows `png` (or a blank frame) to a running fake camera: the frame written over the file in place. */
export function showOnCamera(file: string, png: Uint8Array | undefined): void {
  const frame = cameraFrame(png);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, frame, 0, frame.length, 0);
  } finally {
    closeSync(fd);
  }
}

function frameOf(image: PNG | undefined, width: number, height: number, factor: number): Buffer {
  const luma = Buffer.alloc(width * height, 235);
  if (image) {
    const w = Math.floor(image.width / factor);
    const h = Math.floor(image.height / factor);
    const left = Math.max(0, Math.floor((width - w) / 2));
    const top = Math.max(0, Math.floor((height - h) / 2));
    for (let y = 0; y < Math.min(h, height); y++) {
      for (let x = 0; x < Math.min(w, width); x++) {
        const i = (y * factor * image.width + x * factor) * 4;
        luma[(top + y) * width + left + x] = Math.round(16 + 0.257 * image.data[i]! + 0.504 * image.data[i + 1]! + 0.098 * image.data[i + 2]!);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii'), luma, chroma, chroma]);
}

/**
 * A one-frame YUV4MPEG2 file for Chromium's fake camera (`--use-file-for-fake-video-capture`),
 * written by hand (no ffmpeg; toolchain.md §5): the PNG centred on a white frame, luma from RGB
 * (BT.601), chroma flat grey. Chromium loops the frame and re-reads the file for each capture
 * session, so writing a new file and restarting the capture shows the camera a new image.
 * (The sims' browser tests use it too.)
 */
import { PNG } from 'pngjs';

export function y4mFrame(png: Uint8Array | undefined, minWidth = 640, minHeight = 480): Buffer {
  const image = png ? PNG.sync.read(Buffer.from(png)) : undefined;
  // A code larger than the frame gets a larger frame (with a quiet zone), never a cropped one.
  const even = (n: number): number => n + (n % 2);
  const width = Math.max(minWidth, even((image?.width ?? 0) + 32));
  const height = Math.max(minHeight, even((image?.height ?? 0) + 32));
  const luma = Buffer.alloc(width * height, 235);
  if (image) {
    const left = Math.max(0, Math.floor((width - image.width) / 2));
    const top = Math.max(0, Math.floor((height - image.height) / 2));
    for (let y = 0; y < Math.min(image.height, height); y++) {
      for (let x = 0; x < Math.min(image.width, width); x++) {
        const i = (y * image.width + x) * 4;
        luma[(top + y) * width + left + x] = Math.round(16 + 0.257 * image.data[i]! + 0.504 * image.data[i + 1]! + 0.098 * image.data[i + 2]!);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii'), luma, chroma, chroma]);
}

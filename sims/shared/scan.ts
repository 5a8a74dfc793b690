/**
 * Reading a QR code from an image, as the camera screen does: PNG bytes (a screenshot, a
 * file) or raw RGBA pixels (a camera frame). jsQR decodes; pngjs unpacks PNGs. Never throws:
 * an image that is not an image, or holds no code, gives `undefined`.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export type ScanImage = Uint8Array | { rgba: Uint8Array | Uint8ClampedArray; width: number; height: number };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

function pixels(image: ScanImage): { data: Uint8ClampedArray; width: number; height: number } | undefined {
  if (image instanceof Uint8Array) {
    if (!PNG_SIGNATURE.every((byte, i) => image[i] === byte)) return undefined;
    try {
      const png = PNG.sync.read(Buffer.from(image));
      return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
    } catch {
      return undefined;
    }
  }
  const { rgba, width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) return undefined;
  if (rgba.length !== width * height * 4) return undefined;
  return { data: new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), width, height };
}

/** The text of the QR code in the image, or `undefined` when there is none to read. */
export function readQrText(image: ScanImage): string | undefined {
  const source = pixels(image);
  if (!source) return undefined;
  try {
    return jsQR(source.data, source.width, source.height)?.data ?? undefined;
  } catch {
    return undefined;
  }
}

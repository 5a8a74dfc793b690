/** QR codes as real PNGs (qrcode), the same settings as the portal's Add a New Device page. */
import QRCode from 'qrcode';

export function qrPngDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
}

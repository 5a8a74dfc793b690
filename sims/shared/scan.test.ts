import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../models/runtime.ts';
import { readQrText } from './scan.ts';
import { passcodeAt } from './totp.ts';

describe('readQrText (jsQR + pngjs)', () => {
  it('reads a code from PNG bytes and from raw RGBA pixels', async () => {
    const png = await QRCode.toBuffer('authconf://pair?v=1&key=123456789012', { margin: 4, scale: 6 });
    expect(readQrText(new Uint8Array(png))).toBe('authconf://pair?v=1&key=123456789012');
    const decoded = PNG.sync.read(png);
    expect(readQrText({ rgba: new Uint8Array(decoded.data), width: decoded.width, height: decoded.height })).toBe('authconf://pair?v=1&key=123456789012');
  });

  it('gives undefined, never a throw, for what holds no code', () => {
    expect(readQrText(new Uint8Array())).toBeUndefined();
    expect(readQrText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).toBeUndefined(); // PNG signature, broken body
    expect(readQrText({ rgba: new Uint8Array(10), width: 4, height: 4 })).toBeUndefined(); // wrong length
    expect(readQrText({ rgba: new Uint8Array(0), width: 0, height: 0 })).toBeUndefined();
  });
});

describe('passcodeAt (otplib 13, RFC 6238)', () => {
  it('matches the RFC 6238 Appendix B SHA-1 vector and counts down the period', () => {
    const seed = { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 as const, period: 30, algorithm: 'sha1' as const };
    expect(passcodeAt(seed, new ManualClock(59_000))).toEqual({ code: '94287082', secondsLeft: 1 });
    expect(passcodeAt(seed, new ManualClock(1111111109_000)).code).toBe('07081804');
    expect(passcodeAt(seed, new ManualClock(60_000)).secondsLeft).toBe(30);
  });
});

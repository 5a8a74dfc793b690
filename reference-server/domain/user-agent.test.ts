import { describe, expect, it } from 'vitest';
import { browserName } from './user-agent.ts';

describe('browserName: the browser a sign-on comes from, as the phone shows it', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'Chrome on Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1', 'Safari on iOS'],
    ['Mozilla/5.0 (Android 14; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0', 'Firefox on Android'],
  ])('%s -> %s', (ua, name) => {
    expect(browserName(ua)).toBe(name);
  });

  it('is undefined for no header or a client that is no browser (the phone says "Unknown browser")', () => {
    expect(browserName(undefined)).toBeUndefined();
    expect(browserName('node')).toBeUndefined();
    expect(browserName('curl/8.5.0')).toBeUndefined();
  });
});

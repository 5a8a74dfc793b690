/**
 * What QR codes (and links) carry. A pairing QR is a URI naming the server and the key; a raw
 * key string (the PingOne widget's form, protocol facts §3) is accepted too and means "the
 * app's configured server". Anything else is not a pairing payload: the app shows an error.
 */

export type QrPayload =
  | { kind: 'pair'; key: string; server?: string }
  | { kind: 'creds-pair'; offer: string; server?: string }
  | { kind: 'creds-present'; request: string; server?: string };

const SCHEME = 'authconf:';

export function encodeQr(payload: QrPayload): string {
  const params = new URLSearchParams({ v: '1' });
  if (payload.kind === 'pair') params.set('key', payload.key);
  if (payload.kind === 'creds-pair') params.set('offer', payload.offer);
  if (payload.kind === 'creds-present') params.set('request', payload.request);
  if (payload.server) params.set('server', payload.server);
  const path = { pair: 'pair', 'creds-pair': 'creds/pair', 'creds-present': 'creds/present' }[payload.kind];
  return `${SCHEME}//${path}?${params.toString()}`;
}

/** A key as shown to people: digits or letters, optionally grouped with spaces or dashes. */
const RAW_KEY = /^[0-9A-Za-z][0-9A-Za-z -]{6,40}[0-9A-Za-z]$/;

export function normalizeKey(key: string): string {
  return key.replace(/[\s-]/g, '').toUpperCase();
}

/** Parses QR text; `undefined` when it is not a payload this family of apps understands. */
export function decodeQr(text: string): QrPayload | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith(SCHEME)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return undefined;
    }
    if (url.searchParams.get('v') !== '1') return undefined;
    const server = url.searchParams.get('server') ?? undefined;
    const path = `${url.host}${url.pathname}`.replace(/\/+$/, '');
    const key = url.searchParams.get('key');
    const offer = url.searchParams.get('offer');
    const request = url.searchParams.get('request');
    if (path === 'pair' && key) return { kind: 'pair', key: normalizeKey(key), ...(server ? { server } : {}) };
    if (path === 'creds/pair' && offer) return { kind: 'creds-pair', offer, ...(server ? { server } : {}) };
    if (path === 'creds/present' && request) return { kind: 'creds-present', request, ...(server ? { server } : {}) };
    return undefined;
  }
  if (RAW_KEY.test(trimmed)) return { kind: 'pair', key: normalizeKey(trimmed) };
  return undefined;
}

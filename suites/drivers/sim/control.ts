/**
 * The reference server's test control (`models/test-control.ts`), as the drivers use it: move
 * the clock, arm faults, set up users and keys, read what the server holds.
 */
import type { Clock } from '../../../models/runtime.ts';
import type { Fault } from '../../../models/test-control.ts';
import { targetFetch } from '../shared/transport.ts';

export interface SeededDevice {
  id: string;
  deviceToken: string;
  otp: { secret: string; digits: 6 | 8; period: number; algorithm: 'sha1' | 'sha256' | 'sha512' };
}

export interface UserView {
  user: { id: string; username: string };
  devices: { id: string; kind: string; name: string; primary: boolean; otp: SeededDevice['otp']; currentOtp: string; lastOtpStep: number | null }[];
  requests: { id: string; deviceId: string; status: string; delivered: boolean }[];
  pairingKeys: { key: string; status: string; expiresAt: string; deviceId: string | null }[];
}

export class ControlError extends Error {
  override name = 'ControlError';
  constructor(message: string, readonly status: number, readonly code?: string) {
    super(message);
  }
}

export class TestControl {
  /** Every call made since the driver last reported them (issue 8: the report says which steps used test control). */
  readonly calls: string[] = [];

  /**
   * `onClockMoved`: what to do once the clock moved (the driver looks at every app again: countdowns ran).
   * `ownClock`: the embedded target's clock, which the harness made and gave it (the one
   * `GET /test/v1/clock` reads): `now()` reads it without a request.
   */
  constructor(
    readonly base: string,
    private readonly onClockMoved?: () => Promise<void>,
    private readonly ownClock?: Clock,
  ) {}

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    this.calls.push(`${method} ${path}`);
    const response = await targetFetch(new URL(path, this.base), {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const code = (json as { code?: string } | undefined)?.code;
      throw new ControlError(`test control ${method} ${path} -> ${response.status} ${code ?? ''}`, response.status, code);
    }
    return json as T;
  }

  async advanceClock(ms: number): Promise<{ now: string }> {
    const moved = await this.#call<{ now: string }>('POST', '/test/v1/clock/advance', { ms: Math.ceil(ms) });
    await this.onClockMoved?.();
    return moved;
  }

  /** The target's time (ms since the epoch): its test-control clock, or `undefined` when it has no test control. */
  async now(): Promise<number | undefined> {
    if (this.ownClock) return this.ownClock.now();
    try {
      return Date.parse((await this.#call<{ now: string }>('GET', '/test/v1/clock')).now);
    } catch {
      return undefined;
    }
  }

  /** Faults the target can inject, or `undefined` when it has no test control. */
  async faults(): Promise<string[] | undefined> {
    try {
      return (await this.#call<{ faults: string[] }>('GET', '/test/v1/faults')).faults;
    } catch {
      return undefined;
    }
  }

  async injectFault(fault: Fault, target?: string): Promise<void> {
    await this.#call('POST', '/test/v1/faults', { fault, ...(target ? { target } : {}) });
  }

  seedUser(username: string, password: string, devices: { kind: 'mobile' | 'desktop' | 'sms' | 'totp' | 'email'; name?: string }[] = []): Promise<{ user: { id: string }; devices: SeededDevice[] }> {
    return this.#call('POST', '/test/v1/users', { username, password, devices });
  }

  issuePairingKey(username: string): Promise<{ key: string; qr: string; expiresAt: string }> {
    return this.#call('POST', '/test/v1/pairing-keys', { username });
  }

  user(username: string): Promise<UserView> {
    return this.#call('GET', `/test/v1/users/${encodeURIComponent(username)}`);
  }

  decidePush(username: string, decision: 'approve' | 'deny'): Promise<{ id: string; status: string }> {
    return this.#call('POST', '/test/v1/push/decide', { username, decision });
  }
}

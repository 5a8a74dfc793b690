/**
 * The wire between the authconf engine and its Detox runner (runner/authconf-bridge.test.cjs):
 * one JSON object per line over a loopback TCP socket. The engine sends `{id, op, args}`; the
 * runner answers `{id, ok: true, value}` or `{id, ok: false, error}`, having opened with
 * `{hello: {platform}}`. Each operation is one call of Detox's public API.
 */

/** Operation -> its arguments and its answer. */
export interface BridgeOperations {
  launchApp: { args: { launchArgs?: Record<string, unknown>; permissions?: Record<string, string> }; value: null };
  terminateApp: { args: Record<string, never>; value: null };
  reinstallApp: { args: { launchArgs?: Record<string, unknown> }; value: null };
  tap: { args: { testId: string; index?: number }; value: null };
  typeText: { args: { testId: string; text: string }; value: null };
  replaceText: { args: { testId: string; text: string }; value: null };
  clearText: { args: { testId: string }; value: null };
  waitVisible: { args: { testId: string; timeoutMs: number }; value: null };
  /** `waitFor(element(by.id(testId))).not.toBeVisible().withTimeout(ms)`. */
  waitGone: { args: { testId: string; timeoutMs: number }; value: null };
  visibleAmong: { args: { testIds: readonly string[] }; value: string | null };
  expectText: { args: { testId: string; text: string }; value: null };
  readText: { args: { testId: string; index?: number }; value: string | null };
  /** A PNG, base64. */
  screenshot: { args: { name: string }; value: string };
  sendUserNotification: { args: { payload: Record<string, unknown> }; value: null };
  setBiometricEnrollment: { args: { enrolled: boolean }; value: null };
  matchFace: { args: Record<string, never>; value: null };
  unmatchFace: { args: Record<string, never>; value: null };
  openURL: { args: { url: string }; value: null };
  /**
   * The current screen (the first of `screens` visible) and the attributes of each of `controls`
   * on it (Detox `getAttributes()`: one entry per matching element), in one round trip.
   */
  readScreen: { args: { screens: readonly string[]; controls: readonly string[] }; value: { screen: string | null; controls: Record<string, ElementAttributes[]> } };
  /** `device.reloadReactNative()`: the app's UI reloads, its state kept (the web device reloads the page). */
  reloadApp: { args: Record<string, never>; value: null };
  /** `device.launchApp({ newInstance: false })`: the running app comes to the foreground (and fetches what its server sent). */
  foreground: { args: Record<string, never>; value: null };
  end: { args: Record<string, never>; value: null };
}
export type BridgeOp = keyof BridgeOperations;

/** What Detox's `getAttributes()` reports of one element (the fields authconf reads; iOS and Android name them alike). */
export interface ElementAttributes {
  text?: string | null;
  label?: string | null;
  value?: string | null;
  enabled?: boolean;
  visible?: boolean;
  /** Android's checkable views (and the web device's checkboxes). */
  checked?: boolean;
}

export interface BridgeRequest<O extends BridgeOp = BridgeOp> {
  id: number;
  op: O;
  args: BridgeOperations[O]['args'];
}

export type BridgeAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } }
  | { hello: { platform: string } };

/** Splits a byte stream into JSON lines (a line may arrive in several chunks). */
export function lineReader(onLine: (value: unknown) => void): (chunk: Buffer | string) => void {
  let buffered = '';
  return (chunk) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onLine(JSON.parse(line));
    }
  };
}

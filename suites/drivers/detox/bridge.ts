/**
 * The engine's end of the Detox bridge: listens on a loopback port, starts `detox test` with
 * authconf's runner (which connects back), and turns each app-port call into one request that
 * Detox carries out on the device. Every call has a timeout taken from the plan; a runner that
 * never connects, a call that never answers, or a runner that exits (the app crashed, the device
 * disconnected) rejects with a `BridgeError` carrying a stable code, never a hang.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorCode } from '../../../models/error-codes.ts';
import { type BridgeAnswer, type BridgeOp, type BridgeOperations, lineReader } from './protocol.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** authconf's own Detox configuration: the Chromium-backed web device (runner/detoxrc.web.cjs). */
export const webDetoxConfig = join(here, 'runner', 'detoxrc.web.cjs');

export class BridgeError extends Error {
  override name = 'BridgeError';
  constructor(message: string, readonly code: ErrorCode, readonly detoxError?: { name: string; message: string }) {
    super(message);
  }
}

export interface BridgeOptions {
  /** Detox configuration name (`-c`), e.g. `web`, `android.emu.debug`. */
  configuration: string;
  /** The .detoxrc file (default: authconf's web device configuration). */
  configPath?: string;
  /** Where `detox test` runs (default: the current directory). */
  cwd?: string;
  /** How long the runner may take to start Detox and connect (ms). */
  launchTimeoutMs: number;
  /** How long one call may take (ms), unless the call names its own. */
  callTimeoutMs: number;
  /** Extra environment for the runner (e.g. AUTHCONF_APP_URL for the web device). */
  env?: Record<string, string>;
  /** Runner output, for diagnostics (default: kept in memory and shown in errors). */
  log?: (line: string) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: BridgeError): void;
  timer: NodeJS.Timeout;
}

export class DetoxBridge {
  private server: Server | undefined;
  private socket: Socket | undefined;
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private ended: BridgeError | undefined;
  private readonly output: string[] = [];
  /**
   * Where the web device names the browsers it launched (a file per pid): Puppeteer starts Chromium
   * in a process group of its own, which ending the runner's group does not reach.
   */
  private readonly browsers = mkdtempSync(join(tmpdir(), 'authconf-detox-browsers-'));
  platform: string | undefined;

  private constructor(private readonly options: BridgeOptions) {}

  static async start(options: BridgeOptions): Promise<DetoxBridge> {
    const bridge = new DetoxBridge(options);
    await bridge.launch();
    return bridge;
  }

  private record(chunk: Buffer): void {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      this.output.push(line);
      if (this.output.length > 200) this.output.shift();
      this.options.log?.(line);
    }
  }

  /** The runner's last lines, for an error message. */
  tail(n = 15): string {
    return this.output.slice(-n).join('\n');
  }

  private async launch(): Promise<void> {
    this.server = createServer();
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    const connected = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BridgeError(`the Detox runner did not connect within ${this.options.launchTimeoutMs} ms (app never launched?)\n${this.tail()}`, 'DETOX_LAUNCH_FAILED')), this.options.launchTimeoutMs);
      this.server!.once('connection', (socket) => {
        this.socket = socket;
        socket.on('data', lineReader((message) => {
          const answer = message as BridgeAnswer;
          if ('hello' in answer) {
            this.platform = answer.hello.platform;
            clearTimeout(timer);
            resolve();
            return;
          }
          this.settle(answer);
        }));
        // A runner that dies with a call unread resets the connection (ECONNRESET): the same lost device as a close (which follows),
        // never an uncaught error of the process.
        socket.on('error', (error) => this.fail(new BridgeError(`the device disconnected (${error.message})\n${this.tail()}`, 'DETOX_DEVICE_DISCONNECTED')));
        socket.on('close', () => this.fail(new BridgeError(`the device disconnected\n${this.tail()}`, 'DETOX_DEVICE_DISCONNECTED')));
      });
      this.failLaunch = (error) => {
        clearTimeout(timer);
        reject(error);
      };
    });
    const require = createRequire(import.meta.url);
    const detoxCli = require.resolve('detox/local-cli/cli.js');
    // Detox starts `jest` by name: the install's bin directory goes first on PATH (outside npm scripts it is not there).
    const bin = join(dirname(require.resolve('jest/package.json')), '..', '.bin');
    const args = [detoxCli, 'test', '-c', this.options.configuration, '--config-path', this.options.configPath ?? webDetoxConfig];
    this.child = spawn(process.execPath, args, {
      cwd: this.options.cwd ?? process.cwd(),
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, ...this.options.env, AUTHCONF_BRIDGE: `127.0.0.1:${port}`, AUTHCONF_BROWSER_PIDS: this.browsers },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: `detox test` starts Jest as a child, and ending the runner ends both.
      detached: true,
    });
    this.child.stdout!.on('data', (c: Buffer) => this.record(c));
    this.child.stderr!.on('data', (c: Buffer) => this.record(c));
    this.child.on('exit', (code, signal) => {
      const error = new BridgeError(`detox test exited (${signal ?? `code ${code}`}) before the plan ended: the app crashed or the device went away\n${this.tail()}`, 'DETOX_DEVICE_DISCONNECTED');
      this.failLaunch?.(error);
      this.fail(error);
    });
    try {
      await connected;
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      this.failLaunch = undefined;
    }
  }

  private failLaunch: ((error: BridgeError) => void) | undefined;

  private settle(answer: Exclude<BridgeAnswer, { hello: unknown }>): void {
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    clearTimeout(pending.timer);
    if (answer.ok) pending.resolve(answer.value);
    else pending.reject(new BridgeError(answer.error.message, answer.error.name === 'NotSupportedError' ? 'DETOX_NOT_SUPPORTED' : 'DETOX_CALL_FAILED', answer.error));
  }

  private fail(error: BridgeError): void {
    if (this.ended) return;
    this.ended = error;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
  }

  /** One Detox call on the device; rejects within `timeoutMs` (default: the plan's call timeout). */
  call<O extends BridgeOp>(op: O, args: BridgeOperations[O]['args'], timeoutMs = this.options.callTimeoutMs): Promise<BridgeOperations[O]['value']> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new BridgeError(`Detox did not answer ${op} within ${timeoutMs} ms`, 'DETOX_TIMEOUT'));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.socket!.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }

  /** Ends the runner (Jest and Detox clean up) and stops listening; kills it if it does not end. */
  async close(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (this.socket && !this.ended) await this.call('end', {}, graceMs).catch(() => undefined);
    this.fail(new BridgeError('the bridge is closed', 'DETOX_DEVICE_DISCONNECTED'));
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.killRunner();
          resolve();
        }, graceMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.socket?.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.endBrowsers();
    rmSync(this.browsers, { recursive: true, force: true });
  }

  /**
   * Ends the browsers the runner launched and left (a runner killed, or one that never closed its
   * device: a device that closed its browser removed its file). Each is killed as the process group
   * Puppeteer started it in, which takes its renderers and GPU process with it.
   */
  private endBrowsers(): void {
    for (const name of readdirSync(this.browsers, { withFileTypes: true })) {
      if (!/^\d+$/.test(name.name)) continue;
      try {
        process.kill(-Number(name.name), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Kills the runner as a device farm losing the device would (tests of the failure handling). */
  killRunner(): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL'); // the whole group: detox, Jest and the runner in it
    } catch {
      this.child?.kill('SIGKILL');
    }
    this.endBrowsers(); // and the browser the device launched, in a group of its own
  }
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import type { AnyStateMachine, EventObject } from 'xstate';
import { createTestModel, getShortestPaths } from 'xstate/graph';
import { citationProblems, deadEnds, exploreFlow, validateFlowMachine } from '../graph/check.ts';
import { citationsOf, describeFlow, transitionRef } from '../graph/describe.ts';
import { resolvePolicy } from '../policy.ts';
import type { Policy } from '../policy.ts';
import { requirementIds, requirements } from '../requirements.ts';
import type { RequirementId } from '../requirements.ts';
import { flowMachine, flowMachines } from './index.ts';

/** The policy variants that open every branch: the engine's matrix in miniature. */
const variants: Record<string, Policy> = {
  default: resolvePolicy(),
  'pin 4, location, biometrics': resolvePolicy({ pin: { length: 4 }, locationRequired: true, biometricsRequired: true }),
  'location only': resolvePolicy({ locationRequired: true }),
  'pin 6, 3 distinct, primary, poll by GET': resolvePolicy({ pin: { length: 6, distinctDigits6: 3 }, devices: { selection: 'primary' }, pollStyle: 'get' }),
  'pin 6, 4 distinct, short PIN block': resolvePolicy({ pin: { length: 6, distinctDigits6: 4, blockSeconds: 30 } }),
  'one device': resolvePolicy({ devices: { max: 1 } }),
};

const flows = flowMachines.map((entry) => ({ entry, json: describeFlow(entry) }));
const walks = new Map(flowMachines.map((entry) => [entry.id, Object.entries(variants).map(([name, policy]) => ({ name, ...exploreFlow(entry, policy) }))]));

/** Events as tests write them: a type and categorical payload values. */
type TestEvent = { type: string } & Record<string, unknown>;

function run(machine: AnyStateMachine, policy: Policy, events: readonly TestEvent[]) {
  const actor = createActor(machine, { input: { policy } }).start();
  for (const event of events) actor.send(event as EventObject);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return snapshot;
}

describe('flow machine registry', () => {
  it('has at least the seven documented flows, ids matching file names', () => {
    const ids = flowMachines.map((entry) => entry.id);
    expect(ids).toEqual(expect.arrayContaining(['mobile-pairing', 'mobile-authentication', 'desktop-pairing', 'desktop-signon', 'creds', 'adapter-initial-pairing', 'adapter-additional-device']));
    for (const entry of flowMachines) expect(entry.machine.id).toBe(entry.id);
    expect(flowMachine('creds')?.title).toBe('Creds');
    expect(flowMachine('nope')).toBeUndefined();
  });
});

describe.each(flows)('$entry.id', ({ entry, json }) => {
  it('passes the graph utilities validation (no invoked services, no delayed transitions or actions)', () => {
    expect(validateFlowMachine(entry.machine)).toEqual([]);
    expect(() => createTestModel(entry.machine, { events: entry.events(variants.default as Policy), input: { policy: variants.default } })).not.toThrow();
  });

  it('cites at least one known requirement on every state and transition', () => {
    expect(citationProblems(json)).toEqual([]);
  });

  it('has no non-final dead end', () => {
    expect(deadEnds(json)).toEqual([]);
  });

  it('reaches every state and takes every transition across the policy variants', () => {
    const walked = walks.get(entry.id) ?? [];
    const entered = new Set(walked.flatMap((w) => [...w.entered]));
    const taken = new Set(walked.flatMap((w) => [...w.taken]));
    expect(json.states.map((s) => s.id).filter((id) => !entered.has(id))).toEqual([]);
    const own = json.transitions.filter((t) => t.source !== '*').map((t) => transitionRef(entry.id, t));
    expect(own.filter((ref) => !taken.has(ref))).toEqual([]);
  });

  it('reaches under the default policy every resting state that does not need a variant', () => {
    const walk = walks.get(entry.id)?.find((w) => w.name === 'default');
    expect(walk?.snapshots).toBeGreaterThan(1);
    const paths = getShortestPaths(entry.machine, { events: entry.events(variants.default as Policy), input: { policy: variants.default } });
    expect(paths.some((p) => p.state.status === 'done') || json.states.every((s) => !s.final)).toBe(true);
  });

  it('imports nothing of the project but types and the dependency-free PIN rule, so it pastes into the Stately visualizer', () => {
    const source = readFileSync(fileURLToPath(new URL(`./${entry.id}.ts`, import.meta.url)), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)';/gm)].map((m) => ({ typeOnly: Boolean(m[1]), from: m[2] }));
    for (const { typeOnly, from } of imports) {
      if (from === 'xstate') continue;
      // models/pin-rule.ts imports nothing: paste it above the machine (test below).
      if (from === '../pin-rule.ts') continue;
      expect(typeOnly, `${entry.id} imports ${from} for values`).toBe(true);
      expect(['../requirements.ts', '../policy.ts', '../testids.ts', '../authn-api.ts'], `${entry.id} imports ${from}`).toContain(from);
    }
  });
});

describe('policy gating', () => {
  /** States that only a policy variant opens (PIN, location, biometrics required); all others show under the defaults. */
  const gated: Record<string, string[]> = {
    'mobile-pairing': ['biometricsMissing', 'pinCreate', 'pinConfirm', 'pinSet', 'location', 'locationPrompt'],
    'mobile-authentication': ['pinEntry', 'approvedByPin', 'pinBlocked'],
    'desktop-pairing': ['pinCreate', 'pinConfirm'],
  };

  it.each(flows)('$entry.id: under the default policy reaches every state but those a variant opens', ({ entry, json }) => {
    const walk = walks.get(entry.id)?.find((w) => w.name === 'default');
    expect(json.states.map((s) => s.id).filter((id) => !walk?.entered.has(id))).toEqual(gated[entry.id] ?? []);
  });
});

describe('requirement coverage', () => {
  const cited = citationsOf(flows.map((f) => f.json));

  it('cites every MUST in the registry from at least one state or transition', () => {
    const musts = requirementIds.filter((id) => requirements[id].level === 'MUST');
    expect(musts.filter((id) => (cited.get(id) ?? []).length === 0)).toEqual([]);
  });

  it('cites the POLICY entries whose readings change a branch', () => {
    for (const id of ['POL-PIN-DISTINCT-DIGITS-6', 'POL-STATUS-ATTRIBUTE', 'POL-PAIRING-KEY-FORMAT', 'POL-PAIRING-KEY-LIFETIME', 'POL-POLL-STYLE', 'POL-DEVICE-SELECTION'] as RequirementId[]) {
      expect(cited.get(id)?.length ?? 0, id).toBeGreaterThan(0);
    }
  });

  it('rejects an unknown ID in meta at compile time', () => {
    const typed = setup({ types: { meta: {} as { requirements: readonly RequirementId[] } } });
    // @ts-expect-error 'MOB-PAIR-NOPE' is not a RequirementId
    const machine = typed.createMachine({ initial: 'a', states: { a: { meta: { requirements: ['MOB-PAIR-NOPE'] } } } });
    expect(citationProblems(describeFlow({ id: 'typo', title: 'typo', seed: [], description: '', machine }))).toEqual(['typo#a: unknown requirement MOB-PAIR-NOPE']);
  });
});

describe('branches that depend on the policy', () => {
  const mobile = flowMachine('mobile-pairing')?.machine as AnyStateMachine;
  const toPin: TestEvent[] = [
    { type: 'SIGNON.SUBMIT', credentials: 'valid' }, { type: 'REGISTRATION.START' }, { type: 'APP.OPEN', biometrics: 'enrolled' },
    { type: 'WELCOME.CONTINUE' }, { type: 'NOTIFICATIONS.CONTINUE' }, { type: 'NOTIFICATIONS.ALLOW' }, { type: 'KEY.OPEN' }, { type: 'KEY.ENTER', key: 'valid' },
  ];

  it('tells the readings apart with 121213: 3 distinct digits, no sequence (accepted under 3, refused under 4)', () => {
    const three = resolvePolicy({ pin: { length: 6, distinctDigits6: 3 } });
    const four = resolvePolicy({ pin: { length: 6, distinctDigits6: 4 } });
    expect(run(mobile, three, [...toPin, { type: 'PIN.SUBMIT', pin: '121213' }]).value).toBe('pinConfirm');
    expect(run(mobile, four, [...toPin, { type: 'PIN.SUBMIT', pin: '121213' }]).value).toBe('pinCreate');
  });

  it('asks for the camera on Scan until it is allowed, then Scan opens the capture screen at once (seed 000 steps 5-7)', () => {
    const toScan = toPin.slice(0, 6);
    const policy = resolvePolicy();
    expect(run(mobile, policy, [...toScan, { type: 'SCAN.TAP' }]).value).toBe('cameraPrompt');
    expect(run(mobile, policy, [...toScan, { type: 'SCAN.TAP' }, { type: 'CAMERA.DENY' }, { type: 'SCAN.TAP' }]).value).toBe('cameraPrompt');
    const allowedThenBack = [...toScan, { type: 'SCAN.TAP' }, { type: 'CAMERA.ALLOW' }, { type: 'QR.SCAN', qr: 'expired' }, { type: 'ERROR.BACK' }];
    expect(run(mobile, policy, allowedThenBack).value).toBe('scan');
    expect(run(mobile, policy, [...allowedThenBack, { type: 'SCAN.TAP' }]).value).toBe('capture');
  });

  it('skips the PIN when the policy sets none and asks for location when required', () => {
    expect(run(mobile, resolvePolicy(), toPin).value).toBe('otp');
    expect(run(mobile, resolvePolicy({ locationRequired: true }), [...toPin, { type: 'LOCATION.CONTINUE' }, { type: 'LOCATION.DENY' }]).value).toBe('location');
  });

  it('refuses the documented examples 1111, 8787, 123321 and 765432 under both distinct-digit readings (seed 002 step 5.1), in both machines', () => {
    const desktopMachine = flowMachine('desktop-pairing')?.machine as AnyStateMachine;
    const toDesktopPin: TestEvent[] = [{ type: 'SIGNON.SUBMIT', credentials: 'valid' }, { type: 'REGISTRATION.START' }, { type: 'DEVICE.CHOOSE_DESKTOP' }, { type: 'DESKTOP.LAUNCH' }, { type: 'KEY.ENTER', key: 'valid' }];
    for (const distinctDigits6 of [3, 4] as const) {
      for (const [machine, to] of [[mobile, toPin], [desktopMachine, toDesktopPin]] as const) {
        for (const pin of ['1111', '8787']) expect(run(machine, resolvePolicy({ pin: { length: 4, distinctDigits6 } }), [...to, { type: 'PIN.SUBMIT', pin }]).value, pin).toBe('pinCreate');
        for (const pin of ['123321', '765432']) expect(run(machine, resolvePolicy({ pin: { length: 6, distinctDigits6 } }), [...to, { type: 'PIN.SUBMIT', pin }]).value, `${pin} (${distinctDigits6} distinct)`).toBe('pinCreate');
        // And a PIN that keeps every rule passes.
        expect(run(machine, resolvePolicy({ pin: { length: 6, distinctDigits6 } }), [...to, { type: 'PIN.SUBMIT', pin: '135792' }]).value).toBe('pinConfirm');
      }
    }
  });

  it('the PIN rule module imports nothing (it pastes into Stately above a machine)', () => {
    const source = readFileSync(fileURLToPath(new URL('../pin-rule.ts', import.meta.url)), 'utf8');
    expect(source).not.toMatch(/^import\s/m);
  });

  it('refuses the documented desktop examples 1111, 8787, 765432 under both readings', () => {
    const desktop = flowMachine('desktop-pairing')?.machine as AnyStateMachine;
    const toPinCreate: TestEvent[] = [{ type: 'SIGNON.SUBMIT', credentials: 'valid' }, { type: 'REGISTRATION.START' }, { type: 'DEVICE.CHOOSE_DESKTOP' }, { type: 'DESKTOP.LAUNCH' }, { type: 'KEY.ENTER', key: 'valid' }];
    for (const distinctDigits6 of [3, 4] as const) {
      for (const pin of ['1111', '8787']) expect(run(desktop, resolvePolicy({ pin: { length: 4, distinctDigits6 } }), [...toPinCreate, { type: 'PIN.SUBMIT', pin }]).value, pin).toBe('pinCreate');
      expect(run(desktop, resolvePolicy({ pin: { length: 6, distinctDigits6 } }), [...toPinCreate, { type: 'PIN.SUBMIT', pin: '765432' }]).value).toBe('pinCreate');
    }
  });

  it('keeps an adapter flow in its state on an action outside _links and on GET', () => {
    const adapter = flowMachine('adapter-additional-device')?.machine as AnyStateMachine;
    const snapshot = run(adapter, resolvePolicy(), [{ type: 'checkUsernamePassword', user: 'otp' }, { type: 'authenticate', mobilePayload: 'valid' }, { type: 'INVALID_ACTION' }, { type: 'GET' }]);
    expect(snapshot.value).toBe('otpRequired');
  });

  it('locks the OTP after policy otp.maxAttempts wrong codes', () => {
    const adapter = flowMachine('adapter-additional-device')?.machine as AnyStateMachine;
    const start: TestEvent[] = [{ type: 'checkUsernamePassword', user: 'otp' }, { type: 'authenticate', mobilePayload: 'valid' }];
    const wrong = { type: 'checkOtp', otp: 'invalid' };
    expect(run(adapter, resolvePolicy({ otp: { maxAttempts: 3 } }), [...start, wrong, wrong]).value).toBe('otpRequired');
    expect(run(adapter, resolvePolicy({ otp: { maxAttempts: 3 } }), [...start, wrong, wrong, wrong]).value).toBe('mfaFailed');
  });

  it('moves a push outcome on at the next poll (POST) or at once (GET reading)', () => {
    const adapter = flowMachine('adapter-additional-device')?.machine as AnyStateMachine;
    const start: TestEvent[] = [{ type: 'checkUsernamePassword', user: 'mobile' }, { type: 'authenticate', mobilePayload: 'valid' }, { type: 'PUSH.APPROVE' }];
    expect(run(adapter, resolvePolicy({ pollStyle: 'post' }), start).value).toEqual({ pushWaiting: 'approved' });
    expect(run(adapter, resolvePolicy({ pollStyle: 'post' }), [...start, { type: 'poll' }]).value).toEqual({ mobilePairingRequired: 'pending' });
    expect(run(adapter, resolvePolicy({ pollStyle: 'get' }), start).value).toEqual({ mobilePairingRequired: 'pending' });
  });

  it('after MFA pairs the new installation when authenticate carried its payload, else completes as a web login', () => {
    const adapter = flowMachine('adapter-additional-device')?.machine as AnyStateMachine;
    const push = (mobilePayload: string): TestEvent[] => [{ type: 'checkUsernamePassword', user: 'mobile' }, { type: 'authenticate', mobilePayload }, { type: 'PUSH.APPROVE' }];
    const policy = resolvePolicy({ pollStyle: 'get' });
    expect(run(adapter, policy, [...push('valid'), { type: 'SDK.PAIR', outcome: 'paired' }, { type: 'continueAuthentication' }]).value).toBe('completedDevicePaired');
    expect(run(adapter, resolvePolicy({ pollStyle: 'get', devices: { max: 1 } }), [...push('valid'), { type: 'SDK.PAIR', outcome: 'paired' }]).value).toEqual({ mobilePairingRequired: 'sdkError' });
    expect(run(adapter, policy, push('none')).value).toBe('mfaCompleted');
    expect(run(adapter, policy, [...push('none'), { type: 'continueAuthentication' }]).value).toBe('completedWebLoginMobile');
    const otp: TestEvent[] = [{ type: 'checkUsernamePassword', user: 'otp' }, { type: 'authenticate', mobilePayload: 'none' }, { type: 'checkOtp', otp: 'valid' }, { type: 'continueAuthentication' }];
    expect(run(adapter, policy, otp).value).toBe('completedWebLoginOtp');
  });

  it('after a push times out takes the passcode; change device only for a user with several devices', () => {
    const adapter = flowMachine('adapter-additional-device')?.machine as AnyStateMachine;
    const policy = resolvePolicy({ pollStyle: 'get', devices: { selection: 'primary' } });
    const timedOut = (user: string): TestEvent[] => [{ type: 'checkUsernamePassword', user }, { type: 'authenticate', mobilePayload: 'valid' }, { type: 'APPROVAL.TIMEOUT' }];
    expect(run(adapter, policy, [...timedOut('mobile'), { type: 'checkOtp', otp: 'valid' }]).value).toEqual({ mobilePairingRequired: 'pending' });
    expect(run(adapter, policy, [...timedOut('mobile'), { type: 'selectDevice', device: 'mobile' }]).value).toBe('pushTimedOut');
    expect(run(adapter, policy, [...timedOut('several'), { type: 'selectDevice', device: 'otp' }]).value).toBe('otpRequired');
  });

  it('starts the OTP attempts afresh when selectDevice restarts authentication on a device', () => {
    const adapter = flowMachine('adapter-additional-device')?.machine as AnyStateMachine;
    const wrong: TestEvent = { type: 'checkOtp', otp: 'invalid' };
    const toOtp: TestEvent[] = [{ type: 'checkUsernamePassword', user: 'several' }, { type: 'authenticate', mobilePayload: 'valid' }, { type: 'selectDevice', device: 'otp' }];
    const policy = resolvePolicy({ otp: { maxAttempts: 2 }, devices: { selection: 'prompt' } });
    expect(run(adapter, policy, [...toOtp, wrong, { type: 'selectDevice', device: 'otp' }, wrong]).value).toBe('otpRequired');
    expect(run(adapter, policy, [...toOtp, wrong, wrong]).value).toBe('mfaFailed');
  });

  it('prompts for a device or defaults to the primary one per devices.selection', () => {
    const adapter = flowMachine('adapter-additional-device')?.machine as AnyStateMachine;
    const start: TestEvent[] = [{ type: 'checkUsernamePassword', user: 'several' }, { type: 'authenticate', mobilePayload: 'valid' }];
    expect(run(adapter, resolvePolicy({ devices: { selection: 'prompt' } }), start).value).toBe('deviceSelectionRequired');
    expect(run(adapter, resolvePolicy({ devices: { selection: 'primary' } }), start).value).toEqual({ pushWaiting: 'waiting' });
  });
});

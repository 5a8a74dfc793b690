/**
 * `authconf run`: the conformance run. Parses the flags, then hands over to the engine under
 * Vitest (suites/runner/vitest-run.ts). Exit codes: 0 every applicable MUST passed, 1 some
 * failed, 2 usage or setup error (with a stable code and what to do).
 */
import type { Command, Io } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: authconf run [options]

Runs the model-derived conformance plans and writes reports.

Options:
  --plan NAME          mobile | desktop | creds | adapter | all (default all)
  --driver NAME        sim (default: reference server + simulated apps in-process) | api
  --target URL         a server to test (api driver); without it the embedded reference server runs
  --variant KEY=VALUE  narrow the policy matrix (repeatable), e.g. --variant pin=6 --variant location=required
                       with --target: name your server's configuration, one value per key (a real server
                       runs one policy); keys you leave out take the reference server's default reading
                       keys: pin, pin6Distinct, location, biometrics, keyFormat, keyLifetime, devices, selection, statusAttribute, poll
  --seed N             seed of the embedded server and generated values (default 1)
  --deviate NAME       run the embedded server/sims with a named deviation (repeatable; see 'authconf deviations')
  --coverage C         states | transitions (default) | tour
  --path ID            replay one path (the repro line of a report gives it)
  --out DIR            output directory (default reports/out): conformance.json, conformance.html, junit.xml, allure-results/
  --mode M             paths (default: the model's paths) | property (fast-check random walks, failures shrunk)
  --runs N             property mode: random walks per machine and variant (default 50)
  --max-steps N        property mode: most steps of one walk (default 30)
  --replay SEED:PATH   property mode: replay one shrunk counterexample (with --path <machine>/<variant>; a report's repro line gives both)

Exit codes: 0 every applicable MUST requirement passed; 1 some failed; 2 usage or setup error.`;

export interface ParsedRunArgs {
  plan?: string;
  driver?: string;
  target?: string;
  variants: string[];
  seed?: number;
  deviations: string[];
  coverage?: string;
  path?: string;
  out?: string;
  mode?: string;
  runs?: number;
  maxSteps?: number;
  replay?: string;
}

function positiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} takes a positive integer, not '${text}'`);
  return Number(text);
}

export function parseRunArgs(argv: readonly string[]): ParsedRunArgs {
  const parsed: ParsedRunArgs = { variants: [], deviations: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.startsWith('--') && flag.includes('=') && !flag.startsWith('--variant=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const [finalName, finalInline] = flag.startsWith('--variant=') ? ['--variant', flag.slice('--variant='.length)] : [name, inline];
    const value = (): string => {
      if (finalInline !== undefined) return finalInline;
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${finalName} needs a value`);
      return next;
    };
    switch (finalName) {
      case '--plan': parsed.plan = value(); break;
      case '--driver': parsed.driver = value(); break;
      case '--target': parsed.target = value(); break;
      case '--variant': parsed.variants.push(value()); break;
      case '--seed': {
        const text = value();
        if (!/^\d+$/.test(text)) throw new UsageError(`--seed takes a non-negative integer, not '${text}'`);
        parsed.seed = Number(text);
        break;
      }
      case '--deviate': parsed.deviations.push(value()); break;
      case '--coverage': parsed.coverage = value(); break;
      case '--path': parsed.path = value(); break;
      case '--out': parsed.out = value(); break;
      case '--mode': parsed.mode = value(); break;
      case '--runs': parsed.runs = positiveInt('--runs', value()); break;
      case '--max-steps': parsed.maxSteps = positiveInt('--max-steps', value()); break;
      case '--replay': parsed.replay = value(); break;
      default: throw new UsageError(`unknown option '${flag}'`);
    }
  }
  return parsed;
}

const command: Command = {
  summary: 'Run the conformance plans (embedded reference server + sims by default) and write reports',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    const args = parseRunArgs(argv);
    const { runWithVitest } = await import('../../suites/runner/vitest-run.ts');
    return runWithVitest(
      {
        variants: args.variants,
        deviations: args.deviations,
        ...(args.plan !== undefined ? { plan: args.plan } : {}),
        ...(args.driver !== undefined ? { driver: args.driver } : {}),
        ...(args.target !== undefined ? { target: args.target } : {}),
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.coverage !== undefined ? { coverage: args.coverage } : {}),
        ...(args.path !== undefined ? { path: args.path } : {}),
        ...(args.out !== undefined ? { out: args.out } : {}),
        ...(args.mode !== undefined ? { mode: args.mode } : {}),
        ...(args.runs !== undefined ? { runs: args.runs } : {}),
        ...(args.maxSteps !== undefined ? { maxSteps: args.maxSteps } : {}),
        ...(args.replay !== undefined ? { replay: args.replay } : {}),
      },
      io,
    );
  },
};


export default command;

/**
 * `tsx reference-server/main.ts`: the reference server on port 3000 (or $PORT) with the real
 * clock, strong randomness and an in-memory store. `authconf serve` is the full command line
 * (SQLite, test control, deviations).
 */
import { cryptoRng, systemClock } from '../models/runtime.ts';
import { listen } from './listen.ts';

const port = Number(process.env.PORT ?? 3000);
const { url } = await listen({ port, clock: systemClock(), rng: cryptoRng(), logger: true });
process.stdout.write(`authconf reference server: ${url}/portal/signon\n`);

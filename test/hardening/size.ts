// How big the hardening suites run: small enough for every `npm test` by default, bigger with PLIVO_SYNC_LONG=1,
// and reproducible: PLIVO_SYNC_SEED replays one seed (fast-check's and the emulator's).
import { check as fcCheck, type IAsyncProperty, type IProperty, type RunDetails } from 'fast-check';

export const LONG = process.env.PLIVO_SYNC_LONG === '1';

/** The short value normally, the long one under PLIVO_SYNC_LONG=1. */
export function sized<T>(short: T, long: T): T {
  return LONG ? long : short;
}

/**
 * Fixed by default so CI is deterministic; a fresh one per long run so long runs explore, printed so a failure
 * can be replayed with PLIVO_SYNC_SEED.
 */
export const SEED = (() => {
  const given = process.env.PLIVO_SYNC_SEED;
  if (given !== undefined && given !== '') return Number(given);
  if (!LONG) return 20261123;
  const seed = Date.now() % 2_147_483_647;
  process.stderr.write(`hardening: PLIVO_SYNC_LONG run with seed ${seed} (replay with PLIVO_SYNC_SEED=${seed})\n`);
  return seed;
})();

/**
 * fast-check's assert with this run's seed, failing with the property's own message first (fast-check's report
 * puts it last, after a counterexample that can be megabytes of generated text).
 */
export function check<T>(property: IProperty<T>, numRuns: number): void {
  failIf(fcCheck(property, { numRuns, seed: SEED, endOnFailure: true }));
}

/** check() for properties that await. */
export async function checkAsync<T>(property: IAsyncProperty<T>, numRuns: number): Promise<void> {
  failIf(await fcCheck(property, { numRuns, seed: SEED, endOnFailure: true }));
}

function failIf<T>(details: RunDetails<T>): void {
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const example = JSON.stringify(details.counterexample, (_, v) => (typeof v === 'string' && v.length > 300 ? `${v.slice(0, 300)}…(${v.length})` : v));
  throw new Error(`${cause}\n  after ${details.numRuns} runs, seed ${details.seed}, path "${details.counterexamplePath}"\n  counterexample: ${example}`);
}

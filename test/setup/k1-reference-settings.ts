/**
 * Settings of the K1 reference test and its drill, from the environment (this folder is where
 * tests may read it). CI runs the defaults; `npm run drill:k1-reference` runs a bigger year.
 */
export interface K1ReferenceSettings {
  /** Applications generated (at least 2,000 in CI). */
  size: number;
  /** fast-check seed: the same seed gives the same year of applications. */
  seed: number;
  /** PAYMENT_PAUSES_CLOCK for the apps and the reference. */
  paymentPausesClock: boolean;
  /** Steps of different applications played at once (1: strictly one after another). */
  concurrency: number;
}

export const K1_REFERENCE_DEFAULT_SEED = 20261021;

export function k1ReferenceSettings(env: NodeJS.ProcessEnv = process.env): K1ReferenceSettings {
  const size = Number(env.K1_REFERENCE_SIZE ?? 2000);
  const seed =
    env.K1_REFERENCE_SEED === 'random'
      ? Math.floor(Math.random() * 2 ** 31)
      : Number(env.K1_REFERENCE_SEED ?? K1_REFERENCE_DEFAULT_SEED);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`K1_REFERENCE_SIZE must be a whole number ≥ 1, got ${env.K1_REFERENCE_SIZE}`);
  }
  if (!Number.isInteger(seed)) {
    throw new Error(
      `K1_REFERENCE_SEED must be a whole number or "random", got ${env.K1_REFERENCE_SEED}`,
    );
  }
  const concurrency = Number(env.K1_REFERENCE_CONCURRENCY ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `K1_REFERENCE_CONCURRENCY must be a whole number ≥ 1, got ${env.K1_REFERENCE_CONCURRENCY}`,
    );
  }
  return {
    size,
    seed,
    paymentPausesClock: env.K1_REFERENCE_PAYMENT_PAUSES_CLOCK === 'true',
    concurrency,
  };
}

/**
 * Property tests explore with a fixed seed, so every CI run checks the same cases and a red run is reproducible.
 * Explore new cases locally with KUBEPLAN_FC_SEED=random (fast-check prints the seed of any failure) or any number.
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20261123;
const requested = process.env.KUBEPLAN_FC_SEED;
if (requested !== 'random') {
  const seed = requested === undefined ? DEFAULT_SEED : Number(requested);
  if (!Number.isInteger(seed))
    throw new Error(`KUBEPLAN_FC_SEED must be an integer or "random", not ${JSON.stringify(requested)}`);
  fc.configureGlobal({ seed });
}

/**
 * The clock of the simulation. Controllers act as soon as anything changes (every controller is synced
 * until none has anything left to do, the scheduler retrying Pending pods after each round); then one
 * readiness wave makes every bound pod Ready, and the controllers go again. A round in which nothing
 * can become Ready ends the simulation: unfinished workloads are stalled.
 */
import type { Clock, WorkloadSim } from './model.js';
import type { PodPool } from './pods.js';

/** Upper bounds that keep hostile input from spinning (each is far above what a real plan needs). */
const MAX_SYNC_ROUNDS_PER_WAVE = 10_000;
const MAX_WAVES = 10_000;

export function runSimulation(sims: WorkloadSim[], pool: PodPool, clock: Clock): void {
  for (;;) {
    settle(sims, pool);
    if (sims.every((s) => s.done())) return;
    if (clock.wave >= MAX_WAVES) return stall(sims, `did not finish within ${MAX_WAVES} readiness waves`);
    clock.wave++;
    if (pool.makeReady() === 0) return stall(sims);
  }
}

/** Syncs every controller until a round changes nothing. */
function settle(sims: WorkloadSim[], pool: PodPool): void {
  for (let round = 0; round < MAX_SYNC_ROUNDS_PER_WAVE; round++) {
    let acted = false;
    for (const sim of sims) if (sim.sync()) acted = true;
    if (pool.retryPending()) acted = true;
    if (!acted) return;
  }
}

function stall(sims: WorkloadSim[], reason?: string): void {
  for (const sim of sims) if (!sim.done()) sim.rollout.stalled = reason ?? sim.blockedReason();
}

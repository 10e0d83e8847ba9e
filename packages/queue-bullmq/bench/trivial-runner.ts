import type { TrialJobRunner } from "@candlewick/research";

/** A job with no work: what is left is the queue's own cost (enqueue, fetch, lock, store, notify). */
const runTrivialTrial: TrialJobRunner = async (job) => ({ value: job.trialNumber, metrics: {} });

export default runTrivialTrial;

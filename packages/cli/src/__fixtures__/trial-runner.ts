// A TrialJobRunner module for `candlewick worker --runner` (usage tests: it is loaded, never run).
export default async (job: { trialNumber: number }) => ({ value: job.trialNumber, metrics: {} });

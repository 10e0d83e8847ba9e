/**
 * Set in a walker's worker thread before it imports the setup module. `Walker.run` refuses to start while it is
 * set: a setup module that runs a walker (typically the main script passed as its own setup module) would
 * otherwise start workers from workers.
 */
export const walkerWorkerFlag = { active: false };

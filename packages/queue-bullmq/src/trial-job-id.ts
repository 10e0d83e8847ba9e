/**
 * The BullMQ job id of a trial: the study id (percent-encoded) and the trial number, e.g. `sma-study/17`. Adding a
 * job under an id the queue already holds adds nothing, so a re-enqueued trial (a resumed study, a retried
 * request) is never run twice. `:` cannot separate the two as in `studyId:trialNumber`: BullMQ refuses custom ids
 * with a colon, which it uses to build Redis keys; `encodeURIComponent` turns any `:` or `/` of the study id into
 * `%3A` / `%2F`, so two different (study, trial) pairs never share an id.
 */
export function trialJobId(studyId: string, trialNumber: number): string {
  return `${encodeURIComponent(studyId)}/${trialNumber}`;
}

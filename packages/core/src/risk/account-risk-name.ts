/**
 * The risk name the engine publishes its own refusals under (an entry the cash cannot pay for), next to the
 * registered risks' on `listenRisk` and in `Risk.getData("account")`. `addRisk` refuses it, so a user's risk can
 * never be confused with the account's checks in a report.
 */
export const ACCOUNT_RISK_NAME = "account";

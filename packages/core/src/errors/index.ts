export { BrokerError } from "./broker-error.js";
export { CandlewickError, type CandlewickErrorOptions } from "./candlewick-error.js";
export { describeValue } from "./describe-value.js";
export { ExchangeError } from "./exchange-error.js";
export { instanceLabel } from "./instance-label.js";
export { InvalidArgumentError } from "./invalid-argument-error.js";
export { maskUrlUserInfo } from "./mask-url-user-info.js";
export { PersistError } from "./persist-error.js";
export {
  collectSecretValues,
  isSecretName,
  REDACTED,
  redactSecrets,
  redactSecretsInText,
} from "./redact-secrets.js";
export { SignalValidationError } from "./signal-validation-error.js";
export { UnknownNameError } from "./unknown-name-error.js";

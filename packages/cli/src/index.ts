export type { CliIo } from "./cli-io.js";
export { runAsBinary } from "./run-as-binary.js";
export { runCli } from "./run-cli.js";

export * from "./errors/index.js";
export * from "./spec/index.js";
export { parseWithSchema } from "./validation/parse-with-schema.js";

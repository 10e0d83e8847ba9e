export { createFsPersist } from "./fs-persist.js";
export { type FsPersistOptions, fsPersistOptionsSchema } from "./fs-persist-options.js";

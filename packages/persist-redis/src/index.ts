export { createRedisPersist } from "./redis-persist.js";
export { type RedisPersistOptions, redisPersistOptionsSchema } from "./redis-persist-options.js";

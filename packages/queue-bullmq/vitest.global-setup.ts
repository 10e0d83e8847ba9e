// Without a redis-server: fails in CI, else reports the skipped tests in one line (see the script).
import { redisGlobalSetup } from "../../scripts/redis-global-setup.mjs";

export default redisGlobalSetup("queue-bullmq");

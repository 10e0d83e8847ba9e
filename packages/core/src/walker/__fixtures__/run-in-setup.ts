// A setup module that (wrongly) runs the walker itself, as a main script passed as its own setup module would.
import { Walker } from "@candlewick/core";
import { FIXTURE_WALKER } from "./walker-setup.js";

for await (const _ of Walker.run("BTCUSDT", { walkerName: FIXTURE_WALKER, concurrency: 2 })) {
  // never reached in a worker thread
}

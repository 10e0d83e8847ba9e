import { runAsBinary } from "@candlewick/cli";

// The `candlewick` binary, run from the sources (what `npx candlewick` runs once the packages are built).
await runAsBinary();

#!/usr/bin/env node
import { runAsBinary } from "@candlewick/cli";

// The `candlewick` binary of the `candlewick` package: @candlewick/cli's, as it is.
await runAsBinary();

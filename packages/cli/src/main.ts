#!/usr/bin/env node
import { runAsBinary } from "./run-as-binary.js";

// The `candlewick` binary.
await runAsBinary();

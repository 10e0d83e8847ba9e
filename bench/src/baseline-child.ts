// Child process entry: the peak RSS of a process that loads the engine and does nothing, for comparison.
import "@candlewick/core";

process.stdout.write(`${JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);

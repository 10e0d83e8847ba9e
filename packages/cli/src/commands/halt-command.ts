import { Live, type PersistAdapter } from "@candlewick/core";
import { registerStrategy } from "@candlewick/sdk";
import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { collectOption } from "../collect-option.js";
import { loadDefinition } from "../load-definition.js";
import { parseParams } from "../parse-options.js";
import { EXIT, UsageError } from "../usage-error.js";

/** Options of `candlewick halt`. */
export interface HaltCommandOptions {
  symbol?: string;
  stateDir: string;
  param: string[];
  flatten?: boolean;
  reason?: string;
  clear?: boolean;
  status?: boolean;
}

/**
 * `candlewick halt <strategy-file> --symbol S --state-dir D [--flatten]`: halts a live deployment from another
 * process by writing its halt flag into the same state folder (`halts/<strategy>/<symbol>`). The running
 * `candlewick live` reads it at its next tick: no new signal, our resting orders cancelled, with `--flatten` the
 * position closed at market; once flat it ends. The flag outlives restarts: `--clear` removes it (after a kill
 * switch too), `--status` prints it.
 */
export async function haltCommand(file: string, options: HaltCommandOptions, io: CliIo): Promise<number> {
  if (options.symbol === undefined) {
    throw new UsageError("--symbol is required", "e.g. candlewick halt strategy.ts --symbol BTCUSDT");
  }
  if (
    [options.clear, options.status, options.flatten || options.reason !== undefined].filter(Boolean).length >
    1
  ) {
    throw new UsageError(
      "--clear, --status and halting (--flatten, --reason) exclude each other",
      "pass one of them, or none to halt",
    );
  }
  const definition = await loadDefinition(file, false);
  const strategyName = registerStrategy(definition, parseParams(options.param) as never);
  const persist = await fsPersist(options.stateDir);
  const target = { strategyName, persist };
  const where = `${strategyName} on ${options.symbol} (state in ${options.stateDir})`;
  try {
    if (options.clear) {
      await Live.clearHalt(options.symbol, target);
      io.stdout.write(`cleared the halt of ${where}: it trades again from its next start\n`);
      return EXIT.ok;
    }
    if (options.status) {
      const flag = await Live.haltOf(options.symbol, target);
      io.stdout.write(
        flag === null
          ? `${where} is not halted\n`
          : `${where} is halted since ${flag.at} by ${flag.by === "operator" ? "an operator" : "the kill switch"}${flag.flatten ? " (flatten)" : ""}: ${flag.reason}\n`,
      );
      return EXIT.ok;
    }
    const flag = await Live.halt(options.symbol, {
      ...target,
      flatten: options.flatten ?? false,
      ...(options.reason === undefined ? {} : { reason: options.reason }),
    });
    io.stdout.write(
      `halted ${where}${flag.flatten ? ", flattening" : ""}: the running deployment stops taking signals at its next tick; clear with candlewick halt ${file} --symbol ${options.symbol} --state-dir ${options.stateDir} --clear\n`,
    );
    return EXIT.ok;
  } finally {
    await persist.close?.();
  }
}

/** Adds `halt` to the program (one registration line in run-cli). */
export function registerHaltCommand(program: Command, io: CliIo, result: { code: number }): void {
  program
    .command("halt <strategy-file>")
    .description(
      "halt a live deployment (from any process): no new signals, our orders cancelled, optionally flatten",
    )
    .option("--symbol <symbol>", "market symbol of the deployment, e.g. BTCUSDT")
    .option("--state-dir <dir>", "the live run's persist-fs state folder", "./.candlewick/state")
    .option("--param <key=value>", "parameters the deployment runs with (repeatable)", collectOption, [])
    .option("--flatten", "also close the open position at market")
    .option("--reason <text>", "why, for the run's report")
    .option("--clear", "remove the halt flag: the deployment trades again from its next start")
    .option("--status", "print the halt flag")
    .action(async (file, options) => {
      result.code = await haltCommand(file, options, io);
    });
}

async function fsPersist(baseDir: string): Promise<PersistAdapter> {
  const { createFsPersist } = await import("@candlewick/persist-fs");
  return createFsPersist({ baseDir });
}

/**
 * The package's functions: the default engine's methods, under the names the seed API uses (`addStrategy`,
 * `Backtest.run`, `listenSignal`, …). Each is documented on `Engine`; code that wants isolation uses
 * `createEngine()` and calls the same names on it.
 */
import type { CandlewickConfig } from "../config/candlewick-config.js";
import type { ExchangeSchema } from "../spec/exchange.js";
import type { FrameSchema } from "../spec/frame.js";
import type { PersistAdapter } from "../spec/persist.js";
import type { Reporter } from "../spec/reporter.js";
import type { RiskSchema } from "../spec/risk.js";
import type { StrategySchema } from "../spec/strategy.js";
import type { WalkerSchema } from "../walker/walker-schema.js";
import { defaultEngine as engine } from "./default-engine.js";

/** Registers a strategy on the default engine. See {@link Engine.addStrategy}. */
export function addStrategy(schema: StrategySchema): void {
  engine.addStrategy(schema);
}
/** Registers a candle source on the default engine. See {@link Engine.addExchange}. */
export function addExchange(schema: ExchangeSchema): void {
  engine.addExchange(schema);
}
/** Registers a backtest window on the default engine. See {@link Engine.addFrame}. */
export function addFrame(schema: FrameSchema): void {
  engine.addFrame(schema);
}
/** Registers a walker on the default engine. See {@link Engine.addWalker}. */
export function addWalker(schema: WalkerSchema): void {
  engine.addWalker(schema);
}
/** Registers a risk on the default engine. See {@link Engine.addRisk}. */
export function addRisk(schema: RiskSchema): void {
  engine.addRisk(schema);
}
/** Unregisters a strategy of the default engine; returns whether it was registered. */
export function removeStrategy(strategyName: string): boolean {
  return engine.removeStrategy(strategyName);
}
/** Unregisters an exchange of the default engine; returns whether it was registered. */
export function removeExchange(exchangeName: string): boolean {
  return engine.removeExchange(exchangeName);
}
/** Unregisters a frame of the default engine; returns whether it was registered. */
export function removeFrame(frameName: string): boolean {
  return engine.removeFrame(frameName);
}
/** Unregisters a walker of the default engine; returns whether it was registered. */
export function removeWalker(walkerName: string): boolean {
  return engine.removeWalker(walkerName);
}
/** Unregisters a risk of the default engine; returns whether it was registered. */
export function removeRisk(riskName: string): boolean {
  return engine.removeRisk(riskName);
}
/** Every strategy registered on the default engine, in registration order. */
export function listStrategies(): StrategySchema[] {
  return engine.listStrategies();
}
/** Every exchange registered on the default engine, in registration order. */
export function listExchanges(): ExchangeSchema[] {
  return engine.listExchanges();
}
/** Every frame registered on the default engine, in registration order. */
export function listFrames(): FrameSchema[] {
  return engine.listFrames();
}
/** Every walker registered on the default engine, in registration order. */
export function listWalkers(): WalkerSchema[] {
  return engine.listWalkers();
}
/** Every risk registered on the default engine, in registration order. */
export function listRisks(): RiskSchema[] {
  return engine.listRisks();
}
/** Changes the default engine's config. See {@link Engine.setConfig}. */
export function setConfig(patch: Partial<CandlewickConfig>): CandlewickConfig {
  return engine.setConfig(patch);
}
/** The default engine's current config (frozen). */
export function getConfig(): CandlewickConfig {
  return engine.getConfig();
}
/** Restores the default engine's config to the built-in defaults. */
export function resetConfig(): CandlewickConfig {
  return engine.resetConfig();
}
/** Chooses where the default engine's live runs keep their state. See {@link Engine.setPersist}. */
export function setPersist(adapter: PersistAdapter): void {
  engine.setPersist(adapter);
}
/** Sets the default engine's reporter. See {@link Engine.setReporter}. */
export function setReporter(reporter: Reporter): void {
  engine.setReporter(reporter);
}
/** The default engine's reporter. See {@link Engine.getReporter}. */
export function getReporter(): Reporter {
  return engine.getReporter();
}

/** The default engine's backtests. See {@link BacktestApi}. */
export const Backtest = engine.Backtest;
/** The default engine's live runs. See {@link LiveApi}. */
export const Live = engine.Live;
/** The default engine's walkers. See {@link WalkerApi}. */
export const Walker = engine.Walker;
/** The default engine's scheduled-entry report. See {@link ScheduleApi}. */
export const Schedule = engine.Schedule;
/** The default engine's per-symbol heat map. See {@link HeatApi}. */
export const Heat = engine.Heat;
/** The default engine's timing report. See {@link PerformanceApi}. */
export const Performance = engine.Performance;
/** The default engine's risk rejections. See {@link RiskApi}. */
export const Risk = engine.Risk;
/** The default engine's portfolio backtests. See {@link PortfolioApi}. */
export const Portfolio = engine.Portfolio;

export const {
  listenSignal,
  listenSignalBacktest,
  listenSignalLive,
  listenSignalOnce,
  listenDoneBacktest,
  listenDoneLive,
  listenProgress,
  listenPerformance,
  listenError,
  listenWalker,
  listenWalkerComplete,
  listenRisk,
  listenRiskOnce,
} = engine;

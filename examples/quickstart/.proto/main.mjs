import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const req = createRequire("/work/main/packages/core/src/index.ts");
const pkgPath = req.resolve("tsx/package.json");
const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
const api = pathToFileURL(join(dirname(pkgPath), pkg.exports["./esm/api"].import.default)).href;
console.log("api", api);
const code = `
const { workerData } = require("node:worker_threads");
(async () => {
  const { register } = await import(workerData.api);
  register();
  await import(workerData.entry);
})();
`;
const t0 = performance.now();
const w = new Worker(code, { eval: true, workerData: { api, entry: new URL("./target.ts", import.meta.url).href }, execArgv: ["--conditions=@candlewick/source"] });
w.on("message", (m) => { console.log("msg", m, performance.now() - t0); w.terminate(); });
w.on("error", (e) => console.log("error", e));

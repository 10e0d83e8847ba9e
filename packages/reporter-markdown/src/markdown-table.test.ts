import { describe, expect, it } from "vitest";
import { markdownTable } from "./markdown-table.js";

describe("markdownTable", () => {
  it("pads every column to its widest cell and aligns numbers right", () => {
    const table = markdownTable(
      [{ header: "Symbol" }, { header: "PnL", align: "right" }],
      [
        ["BTCUSDT", "+1.50%"],
        ["SOL", "-12.25%"],
      ],
    );
    expect(table).toBe(
      [
        "| Symbol  |     PnL |",
        "| :------ | ------: |",
        "| BTCUSDT |  +1.50% |",
        "| SOL     | -12.25% |",
      ].join("\n"),
    );
  });

  it("escapes pipes and line breaks, and fills missing cells", () => {
    const table = markdownTable([{ header: "a" }, { header: "b" }], [["x|y\nz"]]);
    expect(table.split("\n")[2]).toBe("| x\\|y z |     |");
  });
});

import { describe, expect, it } from "vitest";
import { escapeHtml, jsonForScript } from "./html-escape.js";
import { stripSecrets } from "./strip-secrets.js";

describe("jsonForScript", () => {
  it("never lets a string end the script element, and parses back to the same value", () => {
    const value = { note: "</script><script>alert(1)</script>", comment: "<!-- x -->", line: "a\u2028b" };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<\/script/i);
    expect(text).not.toContain("<!--");
    expect(text).not.toContain("\u2028");
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});

describe("stripSecrets", () => {
  it("drops credential-like keys at any depth and keeps everything else", () => {
    const data = {
      strategyName: "s",
      settings: { apiKey: "k", api_secret: "s", nested: [{ password: "p", price: 1 }] },
      accessToken: "t",
      tokenCount: 3,
    };
    expect(stripSecrets(data)).toEqual({
      strategyName: "s",
      settings: { nested: [{ price: 1 }] },
      tokenCount: 3,
    });
  });
});

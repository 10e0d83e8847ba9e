/** One value's part of the text: a leaf with its value, or an array or object with a node per item. */
interface TextNode {
  kind: "leaf" | "array" | "object" | "raw";
  /** The leaf's value (compared with `===`; NaN never matches, so it is serialised again). */
  value: unknown;
  text: string;
  /** Object keys in order, with their `"key":` text; array items have no keys. */
  keys: string[];
  keyTexts: string[];
  children: TextNode[];
}

const newNode = (): TextNode => ({
  kind: "leaf",
  value: undefined,
  text: "",
  keys: [],
  keyTexts: [],
  children: [],
});

/** Values `JSON.stringify` leaves out of an object (and writes as null in an array). */
const skipped = (value: unknown) =>
  value === undefined || typeof value === "function" || typeof value === "symbol";

/**
 * `JSON.stringify` of successive values of mostly the same shape, reusing the text of every part that did not
 * change. A live run writes its whole state every tick though a tick changes a number or two (where the scan is,
 * the last bucket asked); formatting the other numbers again, the prices and fills of an open position above all,
 * was most of a replayed tick's cost.
 */
export class JsonTextMemo {
  private readonly root = newNode();

  /** Serialises `value` (an object or array, as a state is); true when its text differs from the last call's. */
  update(value: unknown): boolean {
    return update(this.root, value);
  }

  /** Exactly `JSON.stringify` of the value last given to `update`. */
  get text(): string {
    return this.root.text;
  }
}

function update(node: TextNode, value: unknown): boolean {
  if (typeof value !== "object" || value === null) {
    if (node.kind === "leaf" && node.value === value && node.text !== "") return false;
    const text = leafText(value);
    // NaN, Infinity and null all read "null": a new value is a change only if its text is.
    const changed = node.kind !== "leaf" || text !== node.text;
    node.kind = "leaf";
    node.value = value;
    node.text = text;
    node.children.length = 0;
    node.keys.length = 0;
    return changed;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    // Whatever toJSON makes of it (a Date, say): serialised whole, every time.
    const text = JSON.stringify(value);
    const changed = node.kind !== "raw" || node.text !== text;
    node.kind = "raw";
    node.value = undefined;
    node.text = text;
    return changed;
  }
  if (Array.isArray(value)) return updateArray(node, value);
  return updateObject(node, value as Record<string, unknown>);
}

function leafText(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  // null; and undefined, functions and symbols, which only reach here as array items.
  return "null";
}

function updateArray(node: TextNode, value: readonly unknown[]): boolean {
  let changed = node.kind !== "array" || node.children.length !== value.length;
  if (node.kind !== "array") {
    node.kind = "array";
    node.value = undefined;
    node.keys.length = 0;
    node.children.length = 0;
  }
  const { children } = node;
  while (children.length < value.length) children.push(newNode());
  children.length = value.length;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (update(children[i]!, skipped(item) ? null : item)) changed = true;
  }
  if (changed) {
    let text = "[";
    for (let i = 0; i < children.length; i++) text += (i === 0 ? "" : ",") + children[i]!.text;
    node.text = `${text}]`;
  }
  return changed;
}

function updateObject(node: TextNode, value: Record<string, unknown>): boolean {
  let changed = node.kind !== "object";
  if (changed) {
    node.kind = "object";
    node.value = undefined;
    node.keys.length = 0;
    node.keyTexts.length = 0;
    node.children.length = 0;
  }
  const { keys, keyTexts, children } = node;
  let at = 0;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (skipped(item)) continue;
    if (keys[at] !== key) {
      // A key added, removed or moved: the rest of this object is new.
      changed = true;
      keys[at] = key;
      keyTexts[at] = `${JSON.stringify(key)}:`;
      children[at] = newNode();
    }
    if (update(children[at]!, item)) changed = true;
    at++;
  }
  if (at !== keys.length) {
    changed = true;
    keys.length = at;
    keyTexts.length = at;
    children.length = at;
  }
  if (changed) {
    let text = "{";
    for (let i = 0; i < at; i++) text += (i === 0 ? "" : ",") + keyTexts[i]! + children[i]!.text;
    node.text = `${text}}`;
  }
  return changed;
}

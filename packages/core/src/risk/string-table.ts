/** Interned strings: each distinct string gets a small integer id once, so rows can store ids instead. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  /** The id of `value`, assigned on first sight. */
  idOf(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The id of `value` if it was ever seen, else undefined (a lookup that interns nothing). */
  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  at(id: number): string {
    return this.values[id]!;
  }
}

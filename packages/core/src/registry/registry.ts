import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { UnknownNameError } from "../errors/unknown-name-error.js";

/** Named schemas of one kind (strategies, exchanges, frames, walkers) of one engine, in registration order. */
export class Registry<T> {
  private readonly items = new Map<string, T>();

  constructor(
    readonly kind: string,
    private readonly nameField: string,
    private readonly kindPlural = `${kind}s`,
  ) {}

  add(component: string, name: string, item: T): void {
    if (this.items.has(name)) {
      throw new InvalidArgumentError(
        component,
        this.nameField,
        name,
        `a name no ${this.kind} is registered under yet`,
      );
    }
    this.items.set(name, item);
  }

  /** The schema registered under `name`, or an UnknownNameError listing the registered names. */
  get(name: string): T {
    const item = this.items.get(name);
    if (item === undefined)
      throw new UnknownNameError(this.kind, name, [...this.items.keys()], this.kindPlural);
    return item;
  }

  has(name: string): boolean {
    return this.items.has(name);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  /** Unregisters `name`; returns whether it was registered. Runs already started keep the schema they resolved. */
  remove(name: string): boolean {
    return this.items.delete(name);
  }

  /** Unregisters everything. */
  clear(): void {
    this.items.clear();
  }
}

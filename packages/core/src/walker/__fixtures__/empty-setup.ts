// A setup module that registers nothing: a walker pointing at it fails in its workers, naming what is missing.
export {};

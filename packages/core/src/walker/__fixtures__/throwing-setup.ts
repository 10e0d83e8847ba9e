// A setup module that fails while it loads.
throw new Error("setup exploded");

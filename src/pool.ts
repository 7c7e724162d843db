// A bounded set of reusable things made on demand: the run's browser pages and its worker threads.
// At most `max` exist at once; one handed back goes to the longest-waiting caller, else waits idle.

export class Pool<T> {
  private readonly idle: T[] = [];
  private readonly waiting: ((item: T | null) => void)[] = [];
  private count = 0;

  constructor(private readonly max: number, private readonly create: () => T | Promise<T>) {}

  /** An idle item, else a new one while fewer than `max` exist, else the next one handed back. */
  async acquire(): Promise<T> {
    const free = this.idle.pop();
    if (free !== undefined) return free;
    if (this.count >= this.max) {
      const handed = await new Promise<T | null>((resolve) => this.waiting.push(resolve));
      if (handed !== null) return handed;
    }
    this.count++;
    try {
      return await this.create();
    } catch (err) {
      this.release(null);
      throw err;
    }
  }

  /** Makes items ahead of need until `n` exist (at most `max`), so they are ready when first asked
   * for; a failure surfaces at the next acquire. */
  prepare(n = 1): void {
    while (this.count < Math.min(n, this.max)) {
      this.count++;
      Promise.resolve()
        .then(this.create)
        .then((item) => this.release(item), () => this.release(null));
    }
  }

  /**
   * Hands an item to the next caller waiting, or keeps it idle. Null means the item is gone (closed,
   * died): its place is freed, and a waiter handed null makes one of its own, counting it then.
   */
  release(item: T | null): void {
    if (item === null) this.count--;
    const next = this.waiting.shift();
    if (next) next(item);
    else if (item !== null) this.idle.push(item);
  }

  /** An item that is gone while idle: out of the idle list, its place freed. */
  forget(item: T): void {
    const at = this.idle.indexOf(item);
    if (at < 0) return;
    this.idle.splice(at, 1);
    this.release(null);
  }

  /** Forgets every item (the caller closes them). */
  clear(): void {
    this.idle.length = 0;
    this.count = 0;
  }
}

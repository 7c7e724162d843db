/** Distinct strings, each with the index it was first added at: how a part numbers what cells share. */
export class Indexed {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(first: string[] = []) { first.forEach((x) => this.add(x)); }
  add(item: string): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(item, i);
    }
    return i;
  }
}

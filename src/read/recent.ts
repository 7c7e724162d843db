/**
 * A pure function of a string, its results kept for the strings asked last (emptied when full, so
 * memory stays bounded): a release asks the same cells, labels and captions over and over, table
 * after table. Only for functions whose results nobody changes.
 */
export function remembered<T>(fn: (text: string) => T, max = 10_000): (text: string) => T {
  const recent = new Map<string, T>();
  return (text) => {
    let result = recent.get(text);
    if (result === undefined) {
      if (recent.size >= max) recent.clear();
      result = fn(text);
      recent.set(text, result);
    }
    return result;
  };
}

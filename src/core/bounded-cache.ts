/**
 * A value from a bounded memo: made once per key while it stays among the `max` most recently
 * added (insertion order; the oldest is dropped first when the map is full).
 */
export function memoBounded<K, V>(memo: Map<K, V>, key: K, max: number, make: () => V): V {
  let v = memo.get(key);
  if (v === undefined) {
    v = make();
    if (memo.size >= max) memo.delete(memo.keys().next().value!);
    memo.set(key, v);
  }
  return v;
}

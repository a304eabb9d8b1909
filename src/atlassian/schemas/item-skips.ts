// Which list items a relied-on failure makes unusable, and leaving them out. An item is the
// innermost list element on the failing field's path: a project without a key is one project left
// out; a permission grant without a holder is one grant left out of its scheme, the scheme kept.

export type Segments = readonly (string | number)[];

/** The path of the innermost list element containing `segments`, or undefined when none does. */
export function itemOf(segments: Segments): Segments | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    if (typeof segments[i] === 'number') return segments.slice(0, i + 1);
  }
  return undefined;
}

const isPrefix = (a: Segments, b: Segments) => a.length < b.length && a.every((s, i) => s === b[i]);

/** Drops items inside another item of the list (leaving out the outer one leaves them out too). */
export function outermost<T extends { item: Segments }>(entries: readonly T[]): T[] {
  return entries.filter((e) => !entries.some((o) => isPrefix(o.item, e.item)));
}

/**
 * Removes the items at `paths` from `body`, in place, and returns the values removed. Every
 * container is found before anything moves, and each list loses its indexes highest first, so the
 * paths stay right while removing.
 */
export function removeItems(body: unknown, paths: readonly Segments[]): Set<unknown> {
  const byList = new Map<unknown[], number[]>();
  for (const path of paths) {
    let node: unknown = body;
    for (const segment of path.slice(0, -1)) {
      node =
        node !== null && typeof node === 'object'
          ? (node as Record<string | number, unknown>)[segment]
          : undefined;
    }
    const index = path[path.length - 1];
    if (!Array.isArray(node) || typeof index !== 'number' || index >= node.length) continue;
    byList.set(node, [...(byList.get(node) ?? []), index]);
  }
  const removed = new Set<unknown>();
  for (const [list, indexes] of byList) {
    for (const index of [...new Set(indexes)].sort((a, b) => b - a)) {
      removed.add(list[index]);
      list.splice(index, 1);
    }
  }
  return removed;
}

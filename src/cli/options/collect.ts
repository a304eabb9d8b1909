/** Commander's accumulator for repeatable options (`--site a --site b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

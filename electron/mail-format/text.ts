/** Adds `value` to a short list unless it is there already (a few items: no set needed). */
export function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

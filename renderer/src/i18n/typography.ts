import { frenchSpacing } from '../../../shared/typography.js';

export { frenchSpacing };

type Tree = { [key: string]: string | Tree };

export function frenchTypography<T extends Tree>(messages: T): T {
  const out: Tree = {};
  for (const [key, value] of Object.entries(messages)) {
    out[key] = typeof value === 'string' ? frenchSpacing(value) : frenchTypography(value);
  }
  return out as T;
}

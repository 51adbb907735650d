/**
 * French typography: a no-break space before « : » and inside « », a narrow
 * no-break space before ; ? ! — so a line never starts with a colon or a
 * question mark. Applied once to every French string at start-up.
 */
const NO_BREAK_SPACE = '\u00A0';
const NARROW_NO_BREAK_SPACE = '\u202F';

export function frenchSpacing(text: string): string {
  return text
    .replace(/ :/g, `${NO_BREAK_SPACE}:`)
    .replace(/ ([;?!])/g, `${NARROW_NO_BREAK_SPACE}$1`)
    .replace(/« /g, `«${NO_BREAK_SPACE}`)
    .replace(/ »/g, `${NO_BREAK_SPACE}»`);
}

type Tree = { [key: string]: string | Tree };

export function frenchTypography<T extends Tree>(messages: T): T {
  const out: Tree = {};
  for (const [key, value] of Object.entries(messages)) {
    out[key] = typeof value === 'string' ? frenchSpacing(value) : frenchTypography(value);
  }
  return out as T;
}

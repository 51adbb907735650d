/**
 * French typography: a no-break space before « : » and inside « », a narrow
 * no-break space before ; ? ! — so a line never starts with a colon or a
 * question mark. The UI's strings, the letters and the evidence report use it.
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

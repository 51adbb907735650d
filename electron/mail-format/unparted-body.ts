/**
 * A multipart whose boundary never appears as declared (spam writes "--= B"
 * for "=B") has no part a parser can find, and its body would go unread. Its
 * lines, less the part headers and boundary lines, are the text (or the HTML)
 * its sender wrote; a base64 part is not read as words.
 */
const PART_HEADER = /^content-[a-z-]+:.*$|^\s+[a-z-]+=.*$/gim;
const BOUNDARY_LINE = /^--.*$/gm;
const BASE64_PART = /^content-transfer-encoding:\s*base64/im;

export function unpartedBody(body: string): { text: string; html: string } {
  if (BASE64_PART.test(body)) return { text: '', html: '' };
  const content = body.replace(PART_HEADER, '').replace(BOUNDARY_LINE, '').trim();
  if (content === '') return { text: '', html: '' };
  return /<(?:html|body)\b/i.test(content)
    ? { text: '', html: content }
    : { text: content, html: '' };
}

/** The type/subtype a Content-Type value starts with, lowercased ('' when none). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (
    /^\s*([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase() ??
    ''
  );
}

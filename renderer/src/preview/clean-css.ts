/**
 * CSS from a message, cleaned with the browser's own CSS parser (so escapes
 * like `u\72l(` cannot hide a URL from us): no @import, no rule kinds we do
 * not know, and no declaration whose value loads anything but an inline
 * `data:image/…`. What was removed is counted for the preview's notice.
 */

/** Inline images a message may carry (raster only: no SVG, which can reference more). */
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);/i;
/** How the parser writes every URL back: url("…"), quotes and backslashes escaped. */
const PARSED_URL = /url\("((?:[^"\\]|\\.)*)"\)/gi;
/** An @import however it is spelled (escapes included), counted before the parser drops it. */
const IMPORT_RULE = /@(?:import|\\0*69\s?mport|i\\0*6d\s?port)/gi;

export interface CssCounter {
  /** One more remote item blocked. */
  remote(): void;
}

/** A stylesheet's text, cleaned. */
export function cleanStylesheet(text: string, counter: CssCounter): string {
  for (let i = (text.match(IMPORT_RULE) ?? []).length; i > 0; i--) counter.remote();
  const sheet = new CSSStyleSheet();
  // A constructed sheet never loads an @import: the parser drops it (counted above).
  sheet.replaceSync(text.replace(IMPORT_RULE, '@ignored-import'));
  return cleanRules(sheet.cssRules, counter).join('\n');
}

/** A style attribute's text, cleaned (parsed as the body of one rule). */
export function cleanStyleAttribute(text: string, counter: CssCounter): string {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`x{${text.replace(/[{}]/g, '')}}`);
  const rule = sheet.cssRules[0];
  if (!(rule instanceof CSSStyleRule)) return '';
  cleanDeclarations(rule.style, counter);
  return rule.style.cssText;
}

function cleanRules(rules: CSSRuleList, counter: CssCounter): string[] {
  const kept: string[] = [];
  for (const rule of Array.from(rules)) {
    if (
      rule instanceof CSSStyleRule ||
      rule instanceof CSSFontFaceRule ||
      rule instanceof CSSPageRule ||
      rule instanceof CSSKeyframeRule
    ) {
      cleanDeclarations(rule.style, counter);
      if (rule instanceof CSSStyleRule) cleanNested(rule, counter);
      kept.push(rule.cssText);
    } else if (
      rule instanceof CSSMediaRule ||
      rule instanceof CSSSupportsRule ||
      rule instanceof CSSKeyframesRule
    ) {
      cleanNested(rule, counter);
      kept.push(rule.cssText);
    }
    // Anything else (@namespace, @property, @layer statements, unknown rules) is left out.
  }
  return kept;
}

/** Cleans the rules inside a grouping rule in place (deleting what cleanRules would leave out). */
function cleanNested(
  rule: CSSStyleRule | CSSMediaRule | CSSSupportsRule | CSSKeyframesRule,
  counter: CssCounter,
) {
  const inner = rule.cssRules;
  for (let i = inner.length - 1; i >= 0; i--) {
    const child = inner[i]!;
    const known =
      child instanceof CSSStyleRule ||
      child instanceof CSSKeyframeRule ||
      child instanceof CSSMediaRule ||
      child instanceof CSSSupportsRule;
    if (!known) {
      if (rule instanceof CSSKeyframesRule) rule.deleteRule((child as CSSKeyframeRule).keyText);
      else rule.deleteRule(i);
      continue;
    }
    if (child instanceof CSSStyleRule || child instanceof CSSKeyframeRule)
      cleanDeclarations(child.style, counter);
    if (
      child instanceof CSSStyleRule ||
      child instanceof CSSMediaRule ||
      child instanceof CSSSupportsRule
    )
      cleanNested(child, counter);
  }
}

/** Removes every declaration that would load something other than an inline image. */
function cleanDeclarations(style: CSSStyleDeclaration, counter: CssCounter) {
  const names = Array.from({ length: style.length }, (_, i) => style.item(i));
  for (const name of names) {
    const value = style.getPropertyValue(name);
    if (!loadsRemote(value)) continue;
    style.removeProperty(name);
    counter.remote();
  }
}

function loadsRemote(value: string): boolean {
  if (!/url\(|image-set\(|image\(|src\(/i.test(value)) return false;
  const urls = Array.from(value.matchAll(PARSED_URL), (m) => m[1]!.replace(/\\(.)/g, '$1'));
  // A URL-taking function the parser did not write as url("…") is not trusted either.
  const unparsed = value.replace(PARSED_URL, '');
  if (/url\(|image-set\(|image\(|src\(/i.test(unparsed)) return true;
  return urls.some((url) => !INLINE_IMAGE.test(url));
}

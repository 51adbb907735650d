/**
 * A message's HTML made safe to show (model: Mailspring's sanitize-transformer):
 * DOMPurify with a tag and attribute allowlist, links kept only for http, https
 * and mailto, images only when they are inline data, CSS cleaned by
 * clean-css.ts. Every remote item removed is counted, and the tracking pixels
 * among them, for the notice above the message. The result still goes into a
 * sandboxed frame whose CSP allows no network: this file is one of two walls.
 */
import DOMPurify from 'dompurify';
import { cleanStyleAttribute, cleanStylesheet } from './clean-css.js';

export interface SanitizedMail {
  html: string;
  /** Remote items removed (images, stylesheets, fonts, frames, CSS url() and @import). */
  remote: number;
  /** The tracking pixels among them. */
  trackers: number;
}

const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br',
  'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div',
  'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'pre', 'q',
  's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
]; // prettier-ignore

const ALLOWED_ATTR = [
  'align', 'alt', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'color', 'colspan', 'dir',
  'face', 'height', 'href', 'hspace', 'lang', 'rowspan', 'size', 'span', 'src', 'start', 'style',
  'summary', 'title', 'type', 'valign', 'vspace', 'width', 'class', 'datetime', 'abbr', 'scope',
]; // prettier-ignore

/** Attributes whose value the browser would load by itself. */
const LOADING_ATTRIBUTES = new Set([
  'src', 'srcset', 'background', 'poster', 'data', 'lowsrc', 'dynsrc', 'xlink:href',
]); // prettier-ignore
/** Elements dropped with all they hold: what is inside them is counted, then never visited. */
const DROPPED_WITH_CONTENT = new Set([
  'svg', 'math', 'iframe', 'frame', 'frameset', 'video', 'audio', 'noscript', 'template',
  'noembed', 'noframes', 'object', 'embed', 'applet', 'picture',
]); // prettier-ignore
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);/i;
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

let current = { remote: 0, trackers: 0 };
const counter = { remote: () => void current.remote++ };
const purifier = DOMPurify(window);

purifier.addHook('uponSanitizeElement', (node, data) => {
  if (!(node instanceof Element) || data.allowedTags[data.tagName]) return;
  // <link rel=stylesheet>, <iframe src>, <svg><image href>…: what they would have loaded.
  if (data.tagName === 'link' && node.getAttribute('href')) current.remote++;
  countLoadingAttributes(node);
  if (DROPPED_WITH_CONTENT.has(data.tagName))
    node.querySelectorAll('*').forEach(countLoadingAttributes);
});

purifier.addHook('uponSanitizeAttribute', (node, data) => {
  const name = data.attrName;
  if (name === 'style') {
    data.attrValue = cleanStyleAttribute(data.attrValue, counter);
    return;
  }
  if (name === 'href') {
    data.keepAttr = node.nodeName === 'A' && isSafeLink(data.attrValue);
    return;
  }
  if (!LOADING_ATTRIBUTES.has(name)) return;
  if (name === 'src' && node.nodeName === 'IMG' && INLINE_IMAGE.test(data.attrValue.trim())) return;
  data.keepAttr = false;
  if (data.attrValue.trim() === '') return;
  current.remote++;
  if (node.nodeName === 'IMG' && looksLikeTracker(node, data.attrValue)) current.trackers++;
});

purifier.addHook('afterSanitizeElements', (node) => {
  if (node.nodeName === 'STYLE')
    node.textContent = cleanStylesheet(node.textContent ?? '', counter);
});

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A' || !node.hasAttribute('href')) return;
  // The real target, shown on hover; the frame's click handler asks before opening it.
  node.setAttribute('title', node.getAttribute('href')!);
  node.setAttribute('target', '_blank');
  node.setAttribute('rel', 'noopener noreferrer');
});

export function sanitizeMail(html: string): SanitizedMail {
  current = { remote: 0, trackers: 0 };
  const clean = purifier.sanitize(inertFragment(html), {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ADD_ATTR: ['target', 'rel'],
    // Styles from the message's <head> are kept, in the body, where the sanitizer sees them.
    FORCE_BODY: true,
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);)/i,
  });
  return { html: clean, ...current };
}

/**
 * The HTML parsed in a <template>, where nothing loads or runs, without what the page's own CSP
 * would refuse (and report) once DOMPurify moves the nodes into its working document: <base>,
 * <meta> and event-handler attributes. Chromium reports an inline handler as soon as any parser
 * of this page meets one, so handlers are renamed in the text first: the console then keeps only
 * real violations. Not a defence: DOMPurify's allowlist still drops any attribute this misses.
 */
function inertFragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html.replace(/<[^>]+>/g, (tag) =>
    tag.replace(/([\s/"'])on([a-z]+\s*=)/gi, '$1data-ig-on$2'),
  );
  template.content.querySelectorAll('base, meta').forEach((element) => element.remove());
  return template.content;
}

/** An absolute http, https or mailto URL, as the browser parses it. */
export function isSafeLink(href: string): boolean {
  if (!URL.canParse(href.trim())) return false;
  return LINK_SCHEMES.has(new URL(href.trim()).protocol);
}

function countLoadingAttributes(element: Element) {
  for (const attr of Array.from(element.attributes)) {
    const name = attr.name.toLowerCase();
    const loads =
      LOADING_ATTRIBUTES.has(name) || (name === 'href' && element.localName === 'image');
    if (loads && attr.value.trim() !== '' && !INLINE_IMAGE.test(attr.value.trim()))
      current.remote++;
  }
}

/** A pixel: one point wide or tall, hidden, or at an address that says it counts opens. */
function looksLikeTracker(img: Element, src: string): boolean {
  const size = (name: string) => Number.parseInt(img.getAttribute(name) ?? '', 10);
  if (size('width') <= 1 || size('height') <= 1) return true;
  const style = (img.getAttribute('style') ?? '').replace(/\s/g, '').toLowerCase();
  if (/display:none|visibility:hidden|(?:^|;)(?:width|height):[01]px/.test(style)) return true;
  return /\/(?:open|opens|track|tracking|pixel|beacon|wf\/open)(?:[/.?]|$)/i.test(src);
}

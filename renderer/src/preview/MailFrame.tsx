/**
 * Sanitized HTML in an iframe (model: Mailspring's email-frame): sandboxed
 * without scripts, popups or navigation, and with a CSP that allows no network
 * at all. `allow-same-origin` is the only permission: without scripts in the
 * frame it gives the message nothing, and it lets this page size the frame to
 * its content and catch link clicks to ask before opening them.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const FRAME_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; " +
  "form-action 'none'; base-uri 'none'";

const FRAME_STYLE = `
  html { color-scheme: light; }
  body { margin: 0; padding: 16px; font: 14px/1.5 system-ui, sans-serif; color: #1f2328;
         background: #fff; overflow-wrap: anywhere; }
  img { max-width: 100%; height: auto; }
  table { max-width: 100%; }
  a:focus-visible { outline: 2px solid #0b5cd5; outline-offset: 2px; }
`;

function frameDocument(html: string, lang: string): string {
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    `<style>${FRAME_STYLE}</style></head><body>${html}</body></html>`
  );
}

export function MailFrame({
  html,
  onLink,
}: {
  html: string;
  /** A link the user clicked in the message (its real target). */
  onLink: (href: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const onLinkRef = useRef(onLink);
  useEffect(() => {
    onLinkRef.current = onLink;
  }, [onLink]);

  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);

  const onLoad = () => {
    const doc = frame.current?.contentDocument;
    if (!frame.current || !doc) return;
    const element = frame.current;
    const fit = () => {
      element.style.height = `${doc.documentElement.scrollHeight}px`;
    };
    fit();
    observer.current?.disconnect();
    observer.current = new ResizeObserver(fit);
    observer.current.observe(doc.body);
    const linkOf = (event: Event) =>
      event.target instanceof doc.defaultView!.Element ? event.target.closest('a[href]') : null;
    const follow = (event: MouseEvent) => {
      const link = linkOf(event);
      if (!link) return;
      // Never followed in the frame: the user sees the host first.
      event.preventDefault();
      if (event.type === 'click' || event.button === 1)
        onLinkRef.current(link.getAttribute('href')!);
    };
    doc.addEventListener('click', follow);
    doc.addEventListener('auxclick', follow);
    const show = (event: Event) => setHovered(linkOf(event)?.getAttribute('href') ?? null);
    doc.addEventListener('mouseover', show);
    doc.addEventListener('focusin', show);
  };

  return (
    <div className="mail-frame">
      <iframe
        ref={frame}
        title={t('preview.frameTitle')}
        sandbox="allow-same-origin"
        srcDoc={frameDocument(html, i18n.language)}
        referrerPolicy="no-referrer"
        onLoad={onLoad}
      />
      <p className="link-target" translate="no">
        {hovered ?? '\u00A0'}
      </p>
    </div>
  );
}

/**
 * A marketing message built to break a preview: remote images and a tracking
 * pixel, <script>, <meta http-equiv=refresh>, <base href>, <link> and CSS
 * @import and url() (one hidden behind a CSS escape), a remote web font, an
 * SVG with a script, a form, a javascript: link and an onerror handler. Every
 * remote address points at `trap` (a loopback server the test watches). It
 * also has an inline (cid:) logo and a PDF attachment, and a plain-text twin.
 */

/** 1×1 transparent PNG. */
const LOGO_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** What the preview must block in hostileHtml: every remote item, and the pixels among them. */
export const HOSTILE_BLOCKED = { remote: 10, trackers: 1 };

export const HOSTILE_SUBJECT = 'Soldes d’hiver : jusqu’à -50 %';
export const PLAIN_SUBJECT = 'Votre commande est partie';

export function hostileHtml(trap: string): string {
  return `<html><head>
<meta http-equiv="refresh" content="0; url=${trap}/refresh">
<base href="${trap}/base/">
<link rel="stylesheet" href="${trap}/link.css">
<style>
@import url("${trap}/import.css");
body { background: #fff url('${trap}/bg.png') no-repeat; color: #223344; }
.promo { background-image: u\\72l(${trap}/escaped.png); font-weight: bold; }
@font-face { font-family: Promo; src: url(${trap}/font.woff2); }
</style>
<script>parent.document.title = 'script ran'; fetch('${trap}/script');</script>
</head><body>
<h1 class="promo">Soldes d’hiver</h1>
<p style="background: url(${trap}/inline.png); color: #112233">Offre réservée à nos clients.</p>
<img src="${trap}/banner.jpg" alt="Bannière des soldes" width="600">
<img src="${trap}/open.gif?u=alice" width="1" height="1" alt="">
<img src="cid:logo@boutique.example" alt="Logo de la boutique">
<svg xmlns="http://www.w3.org/2000/svg"><script>parent.document.title = 'svg ran'</script><image href="${trap}/svg.png" width="10" height="10"/></svg>
<form action="${trap}/form" method="post"><input name="email" value="alice@exemple.fr"><button>Valider</button></form>
<p><a href="javascript:parent.document.title='link ran'">Cliquez ici</a></p>
<p><a href="${trap}/soldes?utm_source=mail">Voir les soldes</a></p>
<img src="x" onerror="parent.document.title = 'onerror ran'">
</body></html>`;
}

/** The hostile HTML with its cid: logo, a text alternative and a PDF attachment. */
export function hostileMessage(trap: string): string {
  const html = Buffer.from(hostileHtml(trap)).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From: Boutique Soldes <promo@boutique.example>',
    'To: alice@exemple.fr',
    `Subject: =?UTF-8?B?${Buffer.from(HOSTILE_SUBJECT).toString('base64')}?=`,
    'Date: Mon, 2 Nov 2026 10:00:00 +0100',
    'Message-ID: <hostile-1@boutique.example>',
    'List-Unsubscribe: <https://boutique.example/unsubscribe>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed"',
    '',
    '--mixed',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    html,
    '--related',
    'Content-Type: image/png',
    'Content-ID: <logo@boutique.example>',
    'Content-Disposition: inline',
    'Content-Transfer-Encoding: base64',
    '',
    LOGO_PNG,
    '--related--',
    '--mixed',
    'Content-Type: application/pdf; name="conditions.pdf"',
    'Content-Disposition: attachment; filename="conditions.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4\n%test\n').toString('base64'),
    '--mixed--',
    '',
  ].join('\r\n');
}

/** Plain text that looks like HTML: shown as text, never as markup. */
export function plainMessage(): string {
  return [
    'From: Transporteur <suivi@colis.example>',
    'To: alice@exemple.fr',
    `Subject: ${PLAIN_SUBJECT}`,
    'Date: Mon, 2 Nov 2026 11:00:00 +0100',
    'Message-ID: <plain-1@colis.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Bonjour,',
    '<b>Ceci n’est pas du gras</b> <img src="http://127.0.0.1:9/x.png">',
    'Suivi : https://colis.example/suivi/123',
    '',
  ].join('\r\n');
}

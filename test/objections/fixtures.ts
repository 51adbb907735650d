/**
 * Marketing as detection sees it after a real delivery: routed by a proven
 * platform (HubSpot, by its relay and a DKIM pass the receiving server
 * recorded), from an aligned advertiser whose privacy contact is in the body,
 * with List-Unsubscribe (https one-click and mailto) — and plain spam.
 */
export interface MarketingOptions {
  to?: string;
  messageId?: string;
  date?: Date;
  /** https one-click link. */
  url?: string;
  subject?: string;
  /** Leave out the stand-in DKIM-Signature (the test signs the message for real). */
  unsigned?: boolean;
}

export function provenMarketing(o: MarketingOptions = {}): string {
  const to = o.to ?? 'alice@exemple.fr';
  const date = (o.date ?? new Date('2026-11-02T09:00:00Z')).toUTCString();
  return [
    `Delivered-To: ${to}`,
    `Received: by 2002:a05:7300:1:b0:1 with SMTP id x1; ${date}`,
    `Received: from a1.bf07x.hubspotemail.net (a1.bf07x.hubspotemail.net. [158.247.1.2]) by mx.google.com with ESMTPS id y2 for <${to}>; ${date}`,
    `Authentication-Results: mx.google.com; dkim=pass header.d=brand.fr; spf=pass smtp.mailfrom=x@bf07x.hubspotemail.net`,
    ...(o.unsigned
      ? []
      : [
          'DKIM-Signature: v=1; a=rsa-sha256; d=brand.fr; s=hs1-144550957; h=From:List-Unsubscribe:List-Unsubscribe-Post; bh=x; b=y',
        ]),
    'From: Brand <news@brand.fr>',
    `To: ${to}`,
    `Subject: ${o.subject ?? 'Nos offres de novembre'}`,
    `Date: ${date}`,
    `Message-ID: ${o.messageId ?? '<promo-1@brand.fr>'}`,
    `List-Unsubscribe: <${o.url ?? 'https://unsub.brand.fr/u/42'}>, <mailto:unsubscribe@brand.fr?subject=unsubscribe%2042>`,
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Jusqu’à -50 % sur toute la collection. Offre valable jusqu’au 30 novembre.',
    'Données personnelles : écrivez à dpo@brand.fr. Se désinscrire : https://unsub.brand.fr/u/42',
    '',
  ].join('\r\n');
}

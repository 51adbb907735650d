/**
 * The router table: at least 90 platforms, each one well-formed and keyed on
 * evidence a forger cannot write; account ids read once the router is proven;
 * lookalike headers not mistaken; forged vendor headers name nothing.
 * (routers-real.test.ts checks every entry against real messages.)
 */
import { describe, expect, it } from 'vitest';
import {
  classifyMessage,
  createMemoryContext,
  ROUTERS,
  type Classification,
} from '../../electron/detect/index.js';

const REQUIRED = [
  'mailchimp',
  'mandrill',
  'brevo',
  'mailjet',
  'sendgrid',
  'amazon_ses',
  'mailgun',
  'sparkpost',
  'postmark',
  'hubspot',
  'salesforce_mc',
  'pardot',
  'marketo',
  'klaviyo',
  'constant_contact',
  'campaign_monitor',
  'activecampaign',
  'mailerlite',
  'getresponse',
  'customer_io',
  'iterable',
  'braze',
  'selligent',
  'actito',
  'splio',
  'dolist',
  'sarbacane',
  'mindbaz',
  'cabestan',
  'numberly',
  'message_business',
  'emarsys',
  'acoustic',
  'eloqua',
  'zoho_campaigns',
  'ms_dynamics',
  'substack',
  'beehiiv',
  'convertkit',
  'firebase',
  'lemlist',
  'apollo',
  'outreach',
  'salesloft',
  'woodpecker',
  'instantly',
  'smartlead',
  'reply_io',
  'mailshake',
  'lagrowthmachine',
  'waalaxy',
  'lusha',
  'yesware',
  'mixmax',
  'gmass',
  'lemwarm',
  'np6',
  'adobe_campaign',
  'smartfocus',
  'cheetah',
  'zendesk',
  'freshdesk',
  'intercom',
  'zoho_zeptomail',
  'elastic_email',
  'sailthru',
];

describe('router table', () => {
  it('lists every platform the issue names, with unique ids', () => {
    const ids = ROUTERS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(90);
    for (const id of REQUIRED) expect(ids).toContain(id);
  });

  it('gives each entry a kind, a website, an abuse contact and at least one fingerprint', () => {
    for (const entry of ROUTERS) {
      expect([
        'esp',
        'marketing_automation',
        'crm',
        'cold_outreach',
        'newsletter_platform',
      ]).toContain(entry.kind);
      expect(entry.website).toMatch(/^https:\/\//);
      // Self-hosted software has no vendor to report to: the sender's own host is the one.
      if (!entry.selfHostedPaths) expect(entry.abuse, entry.id).toBeTruthy();
      // Only these name a router: vendor headers and links alone never do (self-hosted
      // software's links count only on a domain the receiving side vouched for).
      const proofKeys =
        (entry.domains?.length ?? 0) +
        (entry.signingDomains?.length ?? 0) +
        (entry.ipRanges?.length ?? 0) +
        (entry.selfHostedPaths?.length ?? 0);
      expect(proofKeys, entry.id).toBeGreaterThan(0);
      expect(entry.source.length, entry.id).toBeGreaterThan(10);
    }
  });
});
const GMAIL_TOP = [
  'Delivered-To: camille.martin@gmail.com',
  'Received: by 2002:a05:7300:1:b0:1 with SMTP id x1; Mon, 2 Mar 2026 10:00:00 -0800 (PST)',
];

function gmailReceived(host: string, ip: string, auth: string): string[] {
  return [
    `Received: from ${host} (${host}. [${ip}]) by mx.google.com with ESMTPS id y2 for <camille.martin@gmail.com>; Mon, 2 Mar 2026 10:00:00 -0800 (PST)`,
    `Authentication-Results: mx.google.com; ${auth}`,
  ];
}

function classify(lines: string[], body?: { text?: string; html?: string }): Classification {
  return classifyMessage(
    { rawHeaders: lines.join('\r\n') + '\r\n\r\n', body },
    createMemoryContext({ identities: ['camille.martin@gmail.com'] }),
  );
}

/** The receiving side (Gmail) took the message from `host`, whose reverse DNS it looked up. */
function vouchedBy(host: string): string[] {
  return [
    ...GMAIL_TOP,
    ...gmailReceived(host, '203.0.113.7', 'dkim=pass header.d=shop.example.fr; spf=neutral'),
  ];
}

describe('account ids, once the router is proven', () => {
  // [router, relay the receiver saw, headers carrying the account id, account id]
  const cases: Array<[string, string, string[], string]> = [
    [
      'mailchimp',
      'mail12.atl91.mcdlv.net',
      ['X-MC-User: 9d7ced8c4bbd6c2f238673f0f', 'Feedback-ID: 46716125:46716125.599473:us11:mc'],
      '9d7ced8c4bbd6c2f238673f0f',
    ],
    [
      'mandrill',
      'mail132-22.atl131.mandrillapp.com',
      ['X-Mandrill-User: md_30504962', 'Feedback-ID: 30504962:30504962.20250725:md'],
      '30504962',
    ],
    [
      'brevo',
      'hs.d.sender-sib.com',
      [
        'Feedback-ID: 212.146.204.210:2683805_230:2683805:Sendinblue',
        'X-Mailer: Sendinblue',
        'X-Mailin-Client: 2683805',
      ],
      '2683805',
    ],
    [
      'salesforce_mc',
      'mta5.s7.exacttarget.com',
      [
        'X-SFMC-Stack: 7',
        'x-job: 7230703_1934766',
        'Feedback-ID: 7230703:1934766:13.111.14.195:sfmktgcld',
      ],
      '7230703',
    ],
    [
      'klaviyo',
      'send12.klaviyomail.com',
      ['X-Kmail-Account: W7Aufs', 'X-Kmail-Message: 01HE5X778QAKB9TZ3008A1Y067'],
      'W7Aufs',
    ],
    [
      'marketo',
      'mail77.mktomail.com',
      ['X-MarketoID: 903-ABC-123:45678:0', 'X-MktArchive: false'],
      '903-ABC-123',
    ],
    [
      'constant_contact',
      'ccm27.constantcontact.com',
      ['X-Roving-Id: 1133104752381.1111111111', 'X-Feedback-ID: b1:8a:1133104752381:CTCT'],
      '1133104752381',
    ],
    [
      'mailjet',
      'o123.p8.mailjet.com',
      ['Feedback-Id: 42.1809859.1736069:MJ', 'X-MJ-Mid: AVEAAKBfiogAAAAAAAAAA'],
      '1809859',
    ],
    [
      'sendgrid',
      'o1.outbound-mail.sendgrid.net',
      ['Return-Path: <bounces+47829143-d404-x=example.com@sendgrid.net>', 'X-SG-EID: u001.abc'],
      '47829143',
    ],
  ];
  for (const [id, relay, headers, account] of cases) {
    it(`reads the ${id} account id`, () => {
      const from = ['From: Shop <news@shop.example.fr>', 'Subject: Hello'];
      const result = classify([...vouchedBy(relay), ...from, ...headers]);
      expect(result.router?.id).toBe(id);
      expect(result.router?.accountId).toBe(account);
      // The same headers with no proven relay name nothing.
      expect(classify([...from, ...headers]).router).toBeNull();
    });
  }

  it('reads the HubSpot portal id from the DKIM selector', () => {
    const result = classify([
      ...GMAIL_TOP,
      ...gmailReceived(
        'a1.bf07x.hubspotemail.net',
        '158.247.1.2',
        'dkim=pass header.d=brand.fr; spf=pass smtp.mailfrom=x@bf07x.hubspotemail.net',
      ),
      'DKIM-Signature: v=1; a=rsa-sha256; d=brand.fr; s=hs1-144550957; h=From; bh=x; b=y',
      'From: Brand <news@brand.fr>',
      'Subject: News',
    ]);
    expect(result.router?.id).toBe('hubspot');
    expect(result.router?.accountId).toBe('144550957');
    expect(result.router?.confidence).toBe('verified');
  });
});

describe('lookalikes', () => {
  it('does not take Proton Mail (X-Pm-Message-ID, hex) for Postmark', () => {
    const result = classify([
      'From: Dev <dev@proton.me>',
      'Subject: Re: patch',
      'Feedback-ID: 123220910:user:proton',
      'X-Pm-Message-ID: 243c7a256fddd7c3254a3848b7c533d23957cce5',
    ]);
    expect(result.router).toBeNull();
  });

  it('takes Postmark by its relay, not by its UUID message id alone', () => {
    const result = classify([
      ...vouchedBy('sc-ord-mta117.mtasv.net'),
      'From: App <no-reply@app.example.com>',
      'Subject: Reset your password',
      'X-PM-Message-Id: 0b3d7c5e-1f2a-4c3b-9d8e-7a6b5c4d3e2f',
    ]);
    expect(result.router?.id).toBe('postmark');
  });

  it('ignores a bare link to a vendor home page (not tracking)', () => {
    const result = classify(['From: Paul <paul@gmail.com>', 'Subject: outils'], {
      text: 'Tu connais https://www.lemlist.com ?',
    });
    expect(result.router).toBeNull();
  });
});

describe('forged platform evidence names no router', () => {
  it('ignores vendor headers on mail a webmail user sent', () => {
    const result = classify([
      ...GMAIL_TOP,
      ...gmailReceived(
        'mail-wr1-f41.google.com',
        '209.85.221.41',
        'dkim=pass header.i=@gmail.com header.s=20230601 header.b=abc; spf=pass smtp.mailfrom=jo.spammer@gmail.com',
      ),
      'From: Jo <jo.spammer@gmail.com>',
      'Subject: Offre exclusive',
      'X-Mailer: Sendinblue',
      'X-Mailin-EID: MjM0NTY3OA~~',
      'Feedback-ID: 212.146.204.210:2683805_230:2683805:Sendinblue',
      'X-MC-User: 9d7ced8c4bbd6c2f238673f0f',
    ]);
    expect(result.router).toBeNull();
  });

  it('ignores a fake platform hop and an unverified signature from a home connection', () => {
    const result = classify([
      ...GMAIL_TOP,
      ...gmailReceived(
        'lfbn-idf1-1-123-45.w90-1.abo.wanadoo.fr',
        '90.1.2.3',
        'dkim=fail header.d=mcsv.net; spf=softfail smtp.mailfrom=bounce@mcsv.net',
      ),
      // Written by the sender: below the receiver's hop, never read.
      'Received: from mail12.atl91.mcdlv.net (mail12.atl91.mcdlv.net [198.2.139.12]) by relay.example.net; Mon, 2 Mar 2026 09:59:00 -0800',
      'DKIM-Signature: v=1; a=rsa-sha256; d=mcsv.net; s=k2; h=From; bh=x; b=y',
      'Return-Path: <bounce-mc.us11_46716125.599473-x=example.com@mail12.atl91.mcdlv.net>',
      'From: Banque <secure@banque-example.fr>',
      'Subject: Votre compte',
      'X-MC-User: 9d7ced8c4bbd6c2f238673f0f',
      'Feedback-ID: 46716125:46716125.599473:us11:mc',
    ]);
    expect(result.router).toBeNull();
  });

  it('ignores a platform HELO name at Exchange Online when authentication failed', () => {
    const result = classify([
      'Received: from AM6EUR05FT011.eop-eur05.prod.protection.outlook.com (2603:10a6:209:88:cafe::48) by AM6P193CA0104.outlook.office365.com (2603:10a6:209:88::45) with Microsoft SMTP Server; Sun, 12 Mar 2023 21:06:24 +0000',
      'Authentication-Results: spf=fail (sender IP is 90.1.2.3) smtp.mailfrom=sendgrid.net; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=banque-example.fr;',
      'Received: from o1.outbound-mail.sendgrid.net (90.1.2.3) by AM6EUR05FT011.mail.protection.outlook.com (10.233.241.29) with Microsoft SMTP Server; Sun, 12 Mar 2023 21:06:23 +0000',
      'From: Banque <secure@banque-example.fr>',
      'Subject: Votre compte',
      'X-SG-EID: u001.abc',
    ]);
    expect(result.router).toBeNull();
  });

  it('takes the same Exchange Online hop when the sender authenticated', () => {
    const result = classify([
      'Received: from AM6EUR05FT011.eop-eur05.prod.protection.outlook.com (2603:10a6:209:88:cafe::48) by AM6P193CA0104.outlook.office365.com (2603:10a6:209:88::45) with Microsoft SMTP Server; Sun, 12 Mar 2023 21:06:24 +0000',
      'Authentication-Results: spf=pass (sender IP is 149.72.234.167) smtp.mailfrom=em3193.shop.example.fr; dkim=pass (signature was verified) header.d=shop.example.fr;dmarc=pass action=none header.from=shop.example.fr;compauth=pass reason=100',
      'Received: from wrqvzxxt.outbound-mail.sendgrid.net (149.72.234.167) by AM6EUR05FT011.mail.protection.outlook.com (10.233.241.29) with Microsoft SMTP Server; Sun, 12 Mar 2023 21:06:23 +0000',
      'From: Shop <news@shop.example.fr>',
      'Subject: Hello',
    ]);
    expect(result.router?.id).toBe('sendgrid');
  });
});

describe('a platform’s bounce address on the customer’s own domain', () => {
  // SendGrid's domain authentication: bounces+<uid>-<hash>-<recipient>@em<N>.<customer domain>,
  // from an address outside the IP ranges the table knows (a dedicated IP, say).
  const sendgridBounce = (spf: string) => [
    'Received: from AM6EUR05FT011.eop-eur05.prod.protection.outlook.com (2603:10a6:209:88:cafe::48) by AM6P193CA0104.outlook.office365.com (2603:10a6:209:88::45) with Microsoft SMTP Server; Sun, 12 Mar 2023 21:06:24 +0000',
    `Authentication-Results: spf=${spf} (sender IP is 198.51.100.7) smtp.mailfrom=em4427.shop.example.fr; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=shop.example.fr;`,
    'Received: from mta.shop.example.fr (198.51.100.7) by AM6EUR05FT011.mail.protection.outlook.com (10.233.241.29) with Microsoft SMTP Server; Sun, 12 Mar 2023 21:06:23 +0000',
    'Return-Path: bounces+43955746-7eae-jo=example.com@em4427.shop.example.fr',
    'From: Shop <news@shop.example.fr>',
    'Subject: Hello',
  ];

  it('names the platform when the receiver’s SPF passed for that domain', () => {
    expect(classify(sendgridBounce('pass')).router?.id).toBe('sendgrid');
  });

  it('names nothing when SPF did not pass: anyone can write the address', () => {
    expect(classify(sendgridBounce('fail')).router).toBeNull();
    expect(classify(sendgridBounce('none')).router).toBeNull();
  });
});

describe('software the sender runs on its own server', () => {
  const MAILWIZZ_LINKS = (host: string) => [
    `X-Report-Abuse: Please report abuse for this campaign here: https://${host}/index.php/campaigns/ab12cd34ef56g/report-abuse/zz98yy76xx54w/qq11rr22ss33t`,
    `List-Unsubscribe: <https://${host}/index.php/lists/zz98yy76xx54w/unsubscribe/qq11rr22ss33t/ab12cd34ef56g>`,
    'Feedback-ID: ab12cd34ef56g:qq11rr22ss33t:zz98yy76xx54w:mm00nn11pp22q',
  ];
  const HTML = (host: string) => ({
    html: `<p>Nos offres</p><a href="https://${host}/index.php/campaigns/ab12cd34ef56g/track-url/qq11rr22ss33t/0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6">voir</a>`,
  });

  it('names MailWizz when its links sit on the domain of the relay the receiver saw', () => {
    const result = classify(
      [
        ...vouchedBy('server4.offres-du-jour.fr'),
        'From: Offres <info@offres-du-jour.fr>',
        'Subject: Les offres du jour',
        ...MAILWIZZ_LINKS('app.offres-du-jour.fr'),
      ],
      HTML('app.offres-du-jour.fr'),
    );
    expect(result.router?.id).toBe('mailwizz');
    expect(result.router?.name).toBe('MailWizz');
    expect(result.signals.find((s) => s.code === 'router')?.params).toEqual({
      name: 'MailWizz',
      evidence: 'self-hosted app.offres-du-jour.fr',
    });
  });

  it('names nothing when the links sit on another domain than the one that sent it', () => {
    const result = classify(
      [
        ...vouchedBy('server1.weidss.example.cn'),
        'From: Sales <sales@weidss.example.cn>',
        'Subject: Water level sensor',
        ...MAILWIZZ_LINKS('vip.ossedm.example.com'),
      ],
      HTML('vip.ossedm.example.com'),
    );
    expect(result.router).toBeNull();
  });

  it('names nothing from a home connection, even with the links on the From domain', () => {
    const result = classify([
      ...GMAIL_TOP,
      ...gmailReceived(
        'lfbn-idf1-1-123-45.w90-1.abo.wanadoo.fr',
        '90.1.2.3',
        'dkim=fail header.d=offres-du-jour.fr; spf=softfail smtp.mailfrom=bounce@offres-du-jour.fr',
      ),
      'DKIM-Signature: v=1; a=rsa-sha256; d=offres-du-jour.fr; s=dkim; h=From; bh=x; b=y',
      'Return-Path: <bounce@offres-du-jour.fr>',
      'From: Offres <info@offres-du-jour.fr>',
      'Subject: Les offres du jour',
      ...MAILWIZZ_LINKS('app.offres-du-jour.fr'),
    ]);
    expect(result.router).toBeNull();
  });

  it('leaves the platform that carried it named when one is proven besides', () => {
    const result = classify(
      [
        ...GMAIL_TOP,
        ...gmailReceived(
          'a48-93.smtp-out.amazonses.com',
          '54.240.48.93',
          'dkim=pass header.d=offres-du-jour.fr; dkim=pass header.d=amazonses.com; spf=pass smtp.mailfrom=0100018e@amazonses.com',
        ),
        'From: Offres <info@offres-du-jour.fr>',
        'Subject: Les offres du jour',
        ...MAILWIZZ_LINKS('app.offres-du-jour.fr'),
      ],
      HTML('app.offres-du-jour.fr'),
    );
    expect(result.router?.id).toBe('amazon_ses');
  });
});

describe('what only the sender wrote', () => {
  it('weighs a prospecting tool seen only in its links, without naming it', () => {
    const result = classify(
      [
        ...GMAIL_TOP,
        ...gmailReceived(
          'mail-wr1-f41.google.com',
          '209.85.221.41',
          'dkim=pass header.i=@projetrack.fr; spf=pass smtp.mailfrom=julien.morel@projetrack.fr',
        ),
        'From: Julien Morel <julien.morel@projetrack.fr>',
        'To: camille.martin@gmail.com',
        'Subject: Camille, une question rapide',
      ],
      {
        html: '<p>Seriez-vous disponible pour un appel de 15 minutes la semaine prochaine ?</p><img src="https://trk.projetrack.fr/api/t/o/usr_9x8Yz7WvU6tS5rQ4p/cam_1a2b3c" width="1" height="1">',
      },
    );
    expect(result.router).toBeNull();
    expect(result.signals.map((s) => s.code)).toContain('tracking_pixel');
  });

  it('does not walk into hops below a host that merely claims to be a list', () => {
    const result = classify([
      ...GMAIL_TOP,
      ...gmailReceived(
        'mail.evil-list.example',
        '198.51.100.4',
        'spf=pass smtp.mailfrom=x@evil-list.example',
      ),
      'Received: from o1.outbound-mail.sendgrid.net (o1.outbound-mail.sendgrid.net [149.72.1.1]) by mail.evil-list.example; Mon, 2 Mar 2026 09:59:00 -0800',
      'List-Id: <news.evil-list.example>',
      'From: News <news@evil-list.example>',
      'Subject: Hello',
      'X-SG-EID: u001.abc',
    ]);
    expect(result.router).toBeNull();
  });
});

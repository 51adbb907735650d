/**
 * The router table: at least 50 platforms, each one well-formed and each one
 * exercised by a corpus fixture that the matcher attributes to it; account ids
 * read from the headers that carry them; lookalike headers not mistaken.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classifyMessage,
  createMemoryContext,
  ROUTERS,
  type Classification,
} from '../../electron/detect/index.js';
import { corpusContext, loadCorpus, type CorpusEntry } from './corpus.js';

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
];

let results: Array<{ entry: CorpusEntry; result: Classification }> = [];

beforeAll(async () => {
  const context = corpusContext();
  results = (await loadCorpus()).map((entry) => ({
    entry,
    result: classifyMessage(entry.input, context),
  }));
}, 120_000);

describe('router table', () => {
  it('lists every platform the issue names, with unique ids', () => {
    const ids = ROUTERS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(50);
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
      expect(entry.abuse, entry.id).toBeTruthy();
      const fingerprints =
        (entry.headers?.length ?? 0) +
        (entry.domains?.length ?? 0) +
        (entry.trackingDomains?.length ?? 0);
      expect(fingerprints, entry.id).toBeGreaterThan(0);
      expect(entry.source.length, entry.id).toBeGreaterThan(10);
    }
  });

  it('has a corpus fixture that exercises every entry', () => {
    const exercised = new Set(
      results
        .filter(({ entry, result }) => result.router?.id === entry.label.router)
        .map(({ result }) => result.router!.id),
    );
    const missing = ROUTERS.map((r) => r.id).filter((id) => !exercised.has(id));
    expect(missing).toEqual([]);
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

describe('account ids', () => {
  const cases: Array<[string, string[], string]> = [
    [
      'mailchimp',
      ['X-MC-User: 9d7ced8c4bbd6c2f238673f0f', 'Feedback-ID: 46716125:46716125.599473:us11:mc'],
      '9d7ced8c4bbd6c2f238673f0f',
    ],
    [
      'mandrill',
      ['X-Mandrill-User: md_30504962', 'Feedback-ID: 30504962:30504962.20250725:md'],
      '30504962',
    ],
    [
      'brevo',
      [
        'Feedback-ID: 212.146.204.210:2683805_230:2683805:Sendinblue',
        'X-Mailer: Sendinblue',
        'X-Mailin-Client: 2683805',
      ],
      '2683805',
    ],
    [
      'salesforce_mc',
      [
        'X-SFMC-Stack: 7',
        'x-job: 7230703_1934766',
        'Feedback-ID: 7230703:1934766:13.111.14.195:sfmktgcld',
      ],
      '7230703',
    ],
    [
      'klaviyo',
      ['X-Kmail-Account: W7Aufs', 'X-Kmail-Message: 01HE5X778QAKB9TZ3008A1Y067'],
      'W7Aufs',
    ],
    ['marketo', ['X-MarketoID: 903-ABC-123:45678:0', 'X-MktArchive: false'], '903-ABC-123'],
    [
      'constant_contact',
      ['X-Roving-Id: 1133104752381.1111111111', 'X-Feedback-ID: b1:8a:1133104752381:CTCT'],
      '1133104752381',
    ],
    [
      'mailjet',
      ['Feedback-Id: 42.1809859.1736069:MJ', 'X-MJ-Mid: AVEAAKBfiogAAAAAAAAAA'],
      '1809859',
    ],
    [
      'sendgrid',
      ['Return-Path: <bounces+47829143-d404-x=example.com@sendgrid.net>', 'X-SG-EID: u001.abc'],
      '47829143',
    ],
  ];
  for (const [id, headers, account] of cases) {
    it(`reads the ${id} account id`, () => {
      const result = classify(['From: Shop <news@shop.example.fr>', 'Subject: Hello', ...headers]);
      expect(result.router?.id).toBe(id);
      expect(result.router?.accountId).toBe(account);
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

  it('takes Postmark by its UUID message id', () => {
    const result = classify([
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

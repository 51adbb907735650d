/**
 * Forged headers must not fool router identification: only the receiving
 * side's hops and its topmost Authentication-Results are believed.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage, createMemoryContext } from '../../electron/detect/index.js';
import { analyseTrust } from '../../electron/detect/trust.js';
import { parseHeaderBlock, parseReceived } from '../../electron/mail-format/index.js';

const context = createMemoryContext({ identities: ['camille.martin@gmail.com'] });

function block(lines: string[]): string {
  return lines.join('\n') + '\n\n';
}

const TOP = [
  'Delivered-To: camille.martin@gmail.com',
  'Received: by 2002:a05:7300:1:b0:1 with SMTP id x1; Mon, 2 Mar 2026 10:00:00 -0800',
  'Return-Path: <bounces+1234567-ab12-x=example.com@sendgrid.net>',
];

describe('Received hops', () => {
  it('reads the client rDNS name, HELO and IP of a hop', () => {
    const hop = parseReceived(
      'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a1',
    );
    expect(hop).toMatchObject({
      helo: 'mail-sor-f41.google.com',
      rdns: 'mail-sor-f41.google.com',
      ip: '209.85.220.41',
      by: 'mx.google.com',
    });
  });

  it('finds the hop where the receiving side accepted the message', () => {
    const headers = parseHeaderBlock(
      block([
        ...TOP,
        'Received: from o1.sendgrid.net (o1.sendgrid.net. [167.89.1.2]) by mx.google.com with ESMTPS id y; Mon, 2 Mar 2026',
        'Authentication-Results: mx.google.com; dkim=pass header.i=@sendgrid.info; spf=pass smtp.mailfrom=bounces@sendgrid.net',
        'Received: from forged.example (forged.example [1.2.3.4]) by o1.sendgrid.net; Mon, 2 Mar 2026',
      ]),
    );
    const trust = analyseTrust(headers);
    expect(trust.boundary).toBe(1);
    expect(trust.trustedClientHosts).toEqual(['o1.sendgrid.net']);
    expect([...trust.dkimPass]).toEqual(['sendgrid.info']);
    expect(trust.spf).toEqual({ result: 'pass', domain: 'sendgrid.net' });
  });
});

describe('forgeries', () => {
  it('does not name SendGrid for vendor headers sent from a home connection', () => {
    const result = classifyMessage(
      {
        rawHeaders: block([
          ...TOP,
          'Received: from 12-34-56.dsl.isp.example (12-34-56.dsl.isp.example. [31.3.4.5]) by mx.google.com with ESMTP id z; Mon, 2 Mar 2026',
          'Authentication-Results: mx.google.com; dkim=fail header.i=@sendgrid.net; spf=fail smtp.mailfrom=bounces@sendgrid.net; dmarc=fail header.from=promo.example',
          'DKIM-Signature: v=1; a=rsa-sha256; d=sendgrid.net; s=smtpapi; h=From; bh=x; b=y',
          'X-SG-EID: u001.abcdef',
          'From: Promo <promo@promo.example>',
          'Subject: Offre exclusive',
        ]),
      },
      context,
    );
    expect(result.router).toBeNull();
    expect(result.verdict).toBe('spam');
    expect(result.signals.map((s) => s.code)).toContain('forged_router');
  });

  it('ignores Authentication-Results planted below the receiver’s own', () => {
    const result = classifyMessage(
      {
        rawHeaders: block([
          ...TOP,
          'Received: from vps.hosting.example (vps.hosting.example. [45.1.2.3]) by mx.google.com with ESMTP id z; Mon, 2 Mar 2026',
          'Authentication-Results: mx.google.com; dkim=none; spf=softfail smtp.mailfrom=x@paypal.com; dmarc=fail header.from=paypal.com',
          'Received: from a8-1.smtp-out.amazonses.com (a8-1.smtp-out.amazonses.com [54.240.8.1]) by mx.google.com; Mon, 2 Mar 2026',
          'Authentication-Results: mx.google.com; dkim=pass header.i=@amazonses.com; spf=pass smtp.mailfrom=b@amazonses.com; dmarc=pass header.from=paypal.com',
          'Feedback-ID: 1.us-east-1.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=:AmazonSES',
          'From: PayPal <service@paypal.com>',
          'Subject: Votre compte a été suspendu',
        ]),
      },
      context,
    );
    expect(result.router).toBeNull();
    expect(result.verdict).toBe('spam');
    // A phisher borrowing paypal.com is not PayPal advertising.
    expect(result.advertiser).toBeNull();
  });

  it('does not let a spoofed own domain pass as a colleague', () => {
    const ctx = createMemoryContext({
      identities: ['c.martin@acme-industrie.fr'],
      ownDomains: ['acme-industrie.fr'],
    });
    const result = classifyMessage(
      {
        rawHeaders: block([
          'Delivered-To: c.martin@acme-industrie.fr',
          'Received: from unknown (HELO User) ([95.1.2.3]) by in12.mail.ovh.net (Postfix) with ESMTP id q; Mon, 2 Mar 2026',
          'Authentication-Results: in12.mail.ovh.net; dkim=none; spf=fail smtp.mailfrom=x@acme-industrie.fr; dmarc=fail header.from=acme-industrie.fr',
          'From: Direction <direction@acme-industrie.fr>',
          'Reply-To: pdg.acme@gmail.com',
          'Subject: Virement urgent',
        ]),
        body: { text: "J'ai besoin d'un virement urgent aujourd'hui." },
      },
      ctx,
    );
    expect(result.verdict).toBe('spam');
  });
});

describe('DKIM-Signature tags', () => {
  function signature(value: string) {
    return analyseTrust(parseHeaderBlock(`DKIM-Signature: ${value}\n\n`)).signatures[0];
  }

  it('reads the domain, selector and signed headers', () => {
    expect(
      signature(
        'v=1; a=rsa-sha256; d=Brand.FR; s=Sel1; h=From:To:Subject:List-Unsubscribe; bh=abc=; b=xyz',
      ),
    ).toEqual({
      domain: 'brand.fr',
      selector: 'sel1',
      signedHeaders: 'From:To:Subject:List-Unsubscribe',
      verified: false,
    });
  });

  it('lets the last occurrence of a tag win, in any case and with blanks or folding around it', () => {
    expect(signature('v=1; d=first.example; d=second.example; s=a; s=b')).toMatchObject({
      domain: 'second.example',
      selector: 'b',
    });
    expect(signature(' D = upper.example ; S = SEL ;\r\n\tH=from:to')).toMatchObject({
      domain: 'upper.example',
      selector: 'sel',
      signedHeaders: 'from:to',
    });
  });

  it('reads only one-letter tags standing alone before "="', () => {
    expect(signature('bh=notatag; x d=notatag; =d; dd=notatag; d=real.example')).toMatchObject({
      domain: 'real.example',
      selector: '',
      signedHeaders: '',
    });
  });
});

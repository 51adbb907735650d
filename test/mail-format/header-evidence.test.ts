/**
 * What objections and evidence read from a header block: List-Unsubscribe
 * URIs whole and in order (RFC 2369), List-Unsubscribe-Post (RFC 8058) and
 * every DKIM-Signature's tags (RFC 6376), folding and all.
 */
import { describe, expect, it } from 'vitest';
import {
  headerEvidenceOf,
  parseDkimSignature,
  parseHeaderBlock,
  parseListUnsubscribe,
} from '../../electron/mail-format/index.js';

describe('List-Unsubscribe', () => {
  it('keeps every URI whole, in the order the sender wrote them', () => {
    expect(
      parseListUnsubscribe(
        '<mailto:unsub-42@lists.example.com?subject=unsubscribe%20me>, <https://example.com/u?t=a_b%2Fc&x=1>',
      ),
    ).toEqual([
      'mailto:unsub-42@lists.example.com?subject=unsubscribe%20me',
      'https://example.com/u?t=a_b%2Fc&x=1',
    ]);
  });

  it('removes folding inside a URI, ignores comments and brackets without a scheme', () => {
    expect(
      parseListUnsubscribe(
        '(Use this one) <https://news.example.fr/unsubscribe/\r\n\tAbC123>, <not a uri>, <http://old.example.fr/u>',
      ),
    ).toEqual(['https://news.example.fr/unsubscribe/AbC123', 'http://old.example.fr/u']);
  });

  it('gives nothing for an absent or bracket-less value', () => {
    expect(parseListUnsubscribe(undefined)).toEqual([]);
    expect(parseListUnsubscribe('https://example.com/u')).toEqual([]);
    expect(parseListUnsubscribe('<https://example.com/u')).toEqual([]);
  });
});

describe('DKIM-Signature tags', () => {
  it('reads d, s, h, a, bh, b, i and t, folding removed', () => {
    const tags = parseDkimSignature(
      'v=1; a=rsa-sha256; c=relaxed/relaxed; d=News.Example.FR;\r\n\ts=Sel2024; t=1734529492;\r\n\t' +
        'bh=OqTTpTo1GFs+GGNbg8PnOJYuNXmrdm17DfbMVQz4gpM=;\r\n\th=Subject:Date:From:List-Unsubscribe:List-Unsubscribe-Post:\r\n\t Feedback-ID;\r\n\t' +
        'i=@news.example.fr; b=tYXX6IIZEYLgvKWj5KN8oomHxR1x145XN\r\n\t q9IqcVPsNAljm3hPgaq5KHGU4mMMVTmdrr',
    );
    expect(tags).toEqual({
      domain: 'news.example.fr',
      selector: 'sel2024',
      signedHeaders: [
        'subject',
        'date',
        'from',
        'list-unsubscribe',
        'list-unsubscribe-post',
        'feedback-id',
      ],
      algorithm: 'rsa-sha256',
      bodyHash: 'OqTTpTo1GFs+GGNbg8PnOJYuNXmrdm17DfbMVQz4gpM=',
      hasSignature: true,
      identity: '@news.example.fr',
      signedAt: 1734529492,
    });
  });

  it('says what is missing rather than guessing', () => {
    expect(parseDkimSignature('d=example.com; b=; t=soon')).toEqual({
      domain: 'example.com',
      selector: null,
      signedHeaders: [],
      algorithm: null,
      bodyHash: null,
      hasSignature: false,
      identity: null,
      signedAt: null,
    });
  });
});

describe('header evidence of a block', () => {
  it('reads the unsubscribe fields and each signature, topmost first', () => {
    const block = [
      'DKIM-Signature: v=1; a=rsa-sha256; d=brand.example; s=k1; h=from:to:subject:list-unsubscribe;',
      ' bh=AAA=; b=sig1',
      'DKIM-Signature: v=1; a=ed25519-sha256; d=esp.example; s=k2; h=from; bh=BBB=; b=sig2',
      'From: Brand <news@brand.example>',
      'List-Unsubscribe: <https://brand.example/u/1>,',
      ' <mailto:leave@brand.example>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      '',
      '',
    ].join('\r\n');
    const evidence = headerEvidenceOf(parseHeaderBlock(block));
    expect(evidence.listUnsubscribe).toEqual([
      'https://brand.example/u/1',
      'mailto:leave@brand.example',
    ]);
    expect(evidence.listUnsubscribePost).toBe('List-Unsubscribe=One-Click');
    expect(evidence.dkimSignatures.map((s) => [s.domain, s.selector, s.algorithm])).toEqual([
      ['brand.example', 'k1', 'rsa-sha256'],
      ['esp.example', 'k2', 'ed25519-sha256'],
    ]);
  });

  it('is empty for a block without them', () => {
    expect(headerEvidenceOf(parseHeaderBlock('From: a@b.example\r\n\r\n'))).toEqual({
      listUnsubscribe: [],
      listUnsubscribePost: null,
      dkimSignatures: [],
    });
  });
});

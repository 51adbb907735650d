/**
 * A Received value read: the client's HELO name, the rDNS name and address the
 * receiving server recorded, and the server that wrote the hop. These hops
 * decide which Authentication-Results are believed (detect/trust.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../electron/mail-format/index.js';

describe('Received hops', () => {
  it('reads the from clause and its comment, and the by host', () => {
    expect(
      parseReceived(
        'from mail-yw1.google.com (mail-yw1.google.com [209.85.128.41]) by mx.example.org (Postfix) with ESMTPS id 4QWD5; Mon, 2 Mar 2026 10:00:00 +0100',
      ),
    ).toEqual({
      helo: 'mail-yw1.google.com',
      rdns: 'mail-yw1.google.com',
      rdnsDomain: 'google.com',
      ip: '209.85.128.41',
      by: 'mx.example.org',
    });
  });

  it('takes the HELO name from "helo=" when the from clause names an address literal', () => {
    expect(
      parseReceived('from [192.168.1.20] (helo=laptop.local) by relay.example.com with esmtpa'),
    ).toEqual({
      helo: 'laptop.local',
      rdns: '',
      rdnsDomain: null,
      ip: '192.168.1.20',
      by: 'relay.example.com',
    });
  });

  it('keeps no rDNS name when the server found none ("unknown", no dot, no public suffix)', () => {
    expect(
      parseReceived('from relay.sender.example (unknown [203.0.113.5]) by mx.example.org'),
    ).toEqual({
      helo: 'relay.sender.example',
      rdns: '',
      rdnsDomain: null,
      ip: '203.0.113.5',
      by: 'mx.example.org',
    });
    expect(parseReceived('from x (localhost [127.0.0.1]) by y.example')).toEqual({
      helo: 'x',
      rdns: '',
      rdnsDomain: null,
      ip: '127.0.0.1',
      by: 'y.example',
    });
  });

  it('drops a trailing dot and the IPv6: prefix', () => {
    expect(parseReceived('from mx.google.com. ([IPv6:2001:db8::1]) by mx.example.org.')).toEqual({
      helo: 'mx.google.com',
      rdns: '',
      rdnsDomain: null,
      ip: '2001:db8::1',
      by: 'mx.example.org',
    });
  });

  it('reads any case, folded lines and extra blanks', () => {
    expect(
      parseReceived(
        'FROM Relay.Example.NET (Relay.Example.NET [198.51.100.7])\r\n\tBY MX.Example.ORG',
      ),
    ).toEqual({
      helo: 'relay.example.net',
      rdns: 'relay.example.net',
      rdnsDomain: 'example.net',
      ip: '198.51.100.7',
      by: 'mx.example.org',
    });
    expect(
      parseReceived(
        'from   spaced.example   ( rdns.example.com   [10.0.0.1] )   by   mx.example.org',
      ),
    ).toEqual({
      helo: 'spaced.example',
      rdns: 'rdns.example.com',
      rdnsDomain: 'example.com',
      ip: '10.0.0.1',
      by: 'mx.example.org',
    });
  });

  it('finds "by" and "from" only as words ("nearby.fr" holds neither)', () => {
    expect(parseReceived('from nearby.fr (nearby.fr [198.51.100.7]) by mx.example.org')).toEqual({
      helo: 'nearby.fr',
      rdns: 'nearby.fr',
      rdnsDomain: 'nearby.fr',
      ip: '198.51.100.7',
      by: 'mx.example.org',
    });
  });

  it('reads a hop without a from clause, or with an unclosed comment', () => {
    expect(
      parseReceived('by mx.example.org with LMTP id x; Mon, 2 Mar 2026 10:00:00 +0100'),
    ).toEqual({ helo: '', rdns: '', rdnsDomain: null, ip: '', by: 'mx.example.org' });
    expect(parseReceived('from a.example (b.example')).toEqual({
      helo: 'a.example',
      rdns: 'b.example',
      rdnsDomain: 'b.example',
      ip: '',
      by: '',
    });
  });
});

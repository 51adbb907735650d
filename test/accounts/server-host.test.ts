/**
 * Issue 10, fault 10b, without the network: what a typed server name becomes
 * before the connection (ipv6-literal.dovecot.test.ts connects for real where
 * the machine has an IPv6 loopback).
 */
import { describe, expect, it } from 'vitest';
import { imapOptions, isLoopbackHost } from '../../electron/accounts/imap-client.js';
import { sameEndpoint } from '../../electron/accounts/password-binding.js';
import type { ServerSettings } from '../../shared/types.js';

const server = (host: string, over: Partial<ServerSettings> = {}): ServerSettings => ({
  host,
  port: 143,
  security: 'plain',
  user: 'alice',
  ...over,
});

describe('a typed server name', () => {
  it('connects to an IPv6 literal without its brackets, in clear only on loopback', () => {
    for (const host of ['[::1]', '::1']) {
      expect(isLoopbackHost(host)).toBe(true);
      expect(imapOptions(server(host), 'pw', null).host).toBe('::1');
    }
    expect(imapOptions(server('[2001:db8::1]', { security: 'tls' }), 'pw', null).host).toBe(
      '2001:db8::1',
    );
    expect(() => imapOptions(server('[2001:db8::1]'), 'pw', null)).toThrow(/unencrypted/i);
    expect(imapOptions(server('imap.exemple.fr', { security: 'tls' }), 'pw', null).host).toBe(
      'imap.exemple.fr',
    );
  });

  it('refuses brackets around anything but an IPv6 address', () => {
    for (const host of ['[127.0.0.1]', '[localhost]', 'imap[1].exemple.fr'])
      expect(() => imapOptions(server(host, { security: 'tls' }), 'pw', null), host).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/IPv6/) }),
      );
  });

  it('is the same server however it is spelled, and another one on another port or security', () => {
    expect(sameEndpoint(server('[::1]'), server('::1'))).toBe(true);
    expect(sameEndpoint(server('IMAP.Exemple.fr'), server('imap.exemple.fr'))).toBe(true);
    expect(
      sameEndpoint(server('imap.exemple.fr'), server('imap.exemple.fr', { user: 'bob' })),
    ).toBe(true);
    expect(sameEndpoint(server('::1'), server('127.0.0.1'))).toBe(false);
    expect(sameEndpoint(server('::1'), server('::1', { port: 993 }))).toBe(false);
    expect(sameEndpoint(server('::1'), server('::1', { security: 'starttls' }))).toBe(false);
  });
});

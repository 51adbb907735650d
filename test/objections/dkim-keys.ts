/**
 * DKIM for tests: a key pair generated per run, messages signed with it, and
 * the DNS resolver mailauth asks for the key (a TXT record only this test
 * knows), so verification runs for real without the network.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { DNSResolver } from 'mailauth';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';

export interface TestDkim {
  domain: string;
  selector: string;
  resolver: DNSResolver;
  /** The message with a DKIM-Signature header prepended, over `headers` (lowercase names). */
  sign(raw: Buffer, headers: string[]): Promise<Buffer>;
}

export function testDkim(domain: string, selector = 'test'): TestDkim {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const record = `v=DKIM1; k=rsa; p=${spki}`;
  const keyName = `${selector}._domainkey.${domain}`;
  const resolver: DNSResolver = async (name, rrtype) => {
    if (rrtype === 'TXT' && name.toLowerCase() === keyName) return [[record]];
    throw Object.assign(new Error(`no ${rrtype} record for ${name}`), { code: 'ENOTFOUND' });
  };
  return {
    domain,
    selector,
    resolver,
    async sign(raw, headers) {
      const key = {
        signingDomain: domain,
        selector,
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        headerList: headers,
      };
      // mailauth signs only what signatureData lists (its typings also want the fields on top).
      const signed = await dkimSign(raw, { ...key, signatureData: [key] });
      if (signed.errors.length > 0)
        throw new Error(`signing failed: ${signed.errors[0]!.err.message}`);
      return Buffer.concat([Buffer.from(signed.signatures, 'latin1'), raw]);
    },
  };
}

/** A marketing message with one-click headers pointing at `url`. */
export function marketingMessage(opts: {
  from: string;
  to: string;
  url: string;
  body?: string;
  messageId?: string;
  date?: Date;
  extraHeaders?: string[];
}): Buffer {
  const lines = [
    `From: Shop <${opts.from}>`,
    `To: ${opts.to}`,
    `Subject: Nos offres de la semaine`,
    `Date: ${(opts.date ?? new Date('2026-11-02T09:00:00Z')).toUTCString()}`,
    `Message-ID: ${opts.messageId ?? `<promo-${Math.random().toString(36).slice(2)}@${opts.from.split('@')[1]}>`}`,
    `List-Unsubscribe: <${opts.url}>, <mailto:unsubscribe@${opts.from.split('@')[1]}?subject=unsubscribe>`,
    `List-Unsubscribe-Post: List-Unsubscribe=One-Click`,
    ...(opts.extraHeaders ?? []),
    `MIME-Version: 1.0`,
    `Content-Type: text/plain; charset=utf-8`,
    ``,
    opts.body ?? `Jusqu'à -50 % sur tout le magasin.`,
    ``,
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/**
 * A signing domain the test owns: an RSA key pair generated for the run, the
 * message signed with mailauth, and a DNS resolver that answers its key record
 * (and counts the questions, to see the cache at work).
 */
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import type { TxtResolver } from '../../electron/evidence/dkim.js';

export interface TestSigner {
  domain: string;
  selector: string;
  /** The TXT record published for `<selector>._domainkey.<domain>`. */
  record: string;
  sign(message: string): Promise<string>;
}

export function createTestSigner(domain: string, selector = 'ig2026'): TestSigner {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    domain,
    selector,
    record: `v=DKIM1; k=rsa; p=${p}`,
    async sign(message) {
      const signed = await dkimSign(message, {
        signingDomain: domain,
        selector,
        privateKey: pem,
        signatureData: [{ signingDomain: domain, selector, privateKey: pem }],
      });
      if (!signed.signatures || signed.errors.length)
        throw new Error(`signing failed: ${JSON.stringify(signed.errors)}`);
      return signed.signatures + message;
    },
  };
}

export interface TestResolver {
  resolve: TxtResolver;
  /** Names asked, in order. */
  asked: string[];
}

/** Names asked for a DKIM key (`<s>._domainkey.<d>`), leaving out SPF's and DMARC's questions. */
export function keysAsked(dns: TestResolver): string[] {
  return dns.asked.filter((name) => name.includes('._domainkey.'));
}

/**
 * Answers each signer's key record, and the TXT records given by name (SPF's `v=spf1 ...` at a
 * domain, DMARC's at `_dmarc.<domain>`; several per name, as DNS may hold); any other question
 * has no answer (ENOTFOUND, as DNS says).
 */
export function testResolver(
  signers: readonly TestSigner[],
  txt: Readonly<Record<string, readonly string[]>> = {},
): TestResolver {
  const asked: string[] = [];
  const records = new Map<string, readonly string[]>([
    ...signers.map(
      (s) => [`${s.selector}._domainkey.${s.domain}`.toLowerCase(), [s.record]] as const,
    ),
    ...Object.entries(txt).map(([name, list]) => [name.toLowerCase(), list] as const),
  ]);
  return {
    asked,
    resolve(name, rrtype) {
      asked.push(name);
      const found = rrtype.toUpperCase() === 'TXT' ? records.get(name.toLowerCase()) : undefined;
      if (found === undefined)
        return Promise.reject(
          Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND' }),
        );
      // DNS splits long records into strings of at most 255 characters.
      return Promise.resolve(found.map((record) => record.match(/.{1,255}/g)!));
    },
  };
}

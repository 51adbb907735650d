/**
 * One Authentication-Results value read: which DKIM domains passed or failed,
 * the first SPF and DMARC results, and the domains they name. Which results
 * are believed is trust's business (test/detect/trust.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { readAuthResults, type AuthResults } from '../../electron/mail-format/index.js';

function read(value: string): AuthResults {
  const out: AuthResults = { dkimPass: [], dkimFail: [], spf: null, dmarc: null };
  readAuthResults(value, out);
  return out;
}

describe('Authentication-Results', () => {
  it('reads DKIM, SPF and DMARC after the authserv-id', () => {
    expect(
      read(
        'mx.example.org; dkim=pass header.d=Mail.Brand.FR header.s=s1; spf=pass smtp.mailfrom=bounce@b.example; dmarc=pass header.from=brand.fr',
      ),
    ).toEqual({
      dkimPass: ['mail.brand.fr'],
      dkimFail: [],
      spf: { result: 'pass', domain: 'b.example' },
      dmarc: { result: 'pass', domain: '' },
    });
  });

  it('takes the DKIM domain from header.i when header.d is missing, each domain once', () => {
    expect(
      read(
        'mx.example.org; dkim=pass header.i=@brand.fr; dkim=fail header.i=news@x.fr.; dkim=pass header.d=brand.fr',
      ),
    ).toMatchObject({ dkimPass: ['brand.fr'], dkimFail: ['x.fr'] });
  });

  it('keeps the first SPF and DMARC results, the domain only where a signal names it', () => {
    expect(
      read(
        'mx.example.org; spf=softfail smtp.mailfrom=a@b.example; spf=pass smtp.mailfrom=c.example; dmarc=fail header.from="brand.fr"; dmarc=pass',
      ),
    ).toMatchObject({
      spf: { result: 'softfail', domain: '' },
      dmarc: { result: 'fail', domain: 'brand.fr' },
    });
  });

  it('names the envelope domain of an SPF pass: after the last "@", else the whole value, else HELO', () => {
    expect(read('mx.example.org; spf=pass smtp.mailfrom="a@b"@c.example.').spf).toEqual({
      result: 'pass',
      domain: 'c.example',
    });
    expect(read('mx.example.org; spf=pass smtp.mailfrom=c.example').spf?.domain).toBe('c.example');
    expect(read('mx.example.org; spf=pass smtp.helo=relay.example').spf?.domain).toBe(
      'relay.example',
    );
  });

  it('reads any case and blanks (Unicode ones included) around the method and the result', () => {
    expect(
      read(
        'mx.example.org; DKIM = PASS (good signature) HEADER.D=\tBrand.fr.; arc=pass; dmarc=none',
      ),
    ).toEqual({
      dkimPass: ['brand.fr'],
      dkimFail: [],
      spf: null,
      dmarc: { result: 'none', domain: '' },
    });
    expect(read('mx.example.org;\u00a0dkim=pass header.d=nbsp.example').dkimPass).toEqual([
      'nbsp.example',
    ]);
  });

  it('skips the authserv-id and stops after 29 results', () => {
    expect(
      read('dkim=pass header.d=first-part.example; dkim=pass header.d=second.example').dkimPass,
    ).toEqual(['second.example']);
    const far = `mx.example.org${'; x=y'.repeat(29)}; dkim=pass header.d=too-far.example`;
    expect(read(far).dkimPass).toEqual([]);
  });
});

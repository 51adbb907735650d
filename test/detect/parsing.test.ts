/** The header parser, address handling, identities and advertisers. */
import { describe, expect, it } from 'vitest';
import {
  canonicalAddress,
  classifyMessage,
  createMemoryContext,
  defaultIdentityKind,
  isNominativeAddress,
} from '../../electron/detect/index.js';
import {
  decodeHeaderValue,
  parseAddressList,
  parseHeaderBlock,
} from '../../electron/mail-format/index.js';

describe('header parser', () => {
  it('unfolds, lowercases names, keeps order and stops at the blank line', () => {
    const headers = parseHeaderBlock(
      'From Mon Jan 1\r\nSubject: a\r\n  b\r\nX-Two: 1\r\nx-two: 2\r\n\r\nBody: no\r\n',
    );
    expect(headers.get('subject')).toBe('a  b');
    expect(headers.all('x-two')).toEqual(['1', '2']);
    expect(headers.has('body')).toBe(false);
  });

  it('decodes RFC 2047 words and raw UTF-8 for display', () => {
    expect(decodeHeaderValue('=?utf-8?Q?Soldes_d=27automne?=')).toBe("Soldes d'automne");
    expect(decodeHeaderValue(Buffer.from('Été', 'utf8').toString('latin1'))).toBe('Été');
  });

  it('parses address lists with quotes, comments and groups', () => {
    expect(
      parseAddressList(
        '"Martin, Camille" <C.Martin@Acme.fr>, paul@x.fr (Paul), Team: a@b.fr, c@d.fr;',
      ),
    ).toEqual([
      { name: 'Martin, Camille', address: 'c.martin@acme.fr' },
      { name: '', address: 'paul@x.fr' },
      { name: '', address: 'a@b.fr' },
      { name: '', address: 'c@d.fr' },
    ]);
  });
});

describe('identities', () => {
  it('folds +tags and Gmail dots', () => {
    expect(canonicalAddress('Camille.Martin+Shop@gmail.com')).toEqual({
      canonical: 'camillemartin@gmail.com',
      tag: 'shop',
    });
  });

  it('defaults webmail addresses to personal and others to professional', () => {
    expect(defaultIdentityKind('x@orange.fr')).toBe('personal');
    expect(defaultIdentityKind('x@acme-industrie.fr')).toBe('professional');
  });

  it('tells a named address from a role address', () => {
    expect(isNominativeAddress('c.martin@acme.fr')).toBe(true);
    expect(isNominativeAddress('camille.martin@acme.fr')).toBe(true);
    expect(isNominativeAddress('contact@acme.fr')).toBe(false);
    expect(isNominativeAddress('sales@acme.fr')).toBe(false);
  });

  it('finds the identity hit in Delivered-To before To', () => {
    const ctx = createMemoryContext({
      identities: ['camille.martin@gmail.com', 'c.martin@acme.fr'],
    });
    const result = classifyMessage(
      {
        rawHeaders:
          'Delivered-To: camillemartin+news@gmail.com\nTo: list@lists.example\nFrom: x@y.fr\n\n',
      },
      ctx,
    );
    expect(result.identity).toBe('camillemartin+news@gmail.com');
    expect(result.plusTag).toBe('news');
  });
});

describe('advertiser', () => {
  const ctx = createMemoryContext();

  it('groups a brand’s subdomains under its registrable domain and keeps the display name', () => {
    const result = classifyMessage(
      {
        rawHeaders:
          'From: =?utf-8?Q?Maison_Lumi=C3=A8re?= <news@news.maison-lumiere.co.uk>\nSubject: x\n\n',
      },
      ctx,
    );
    expect(result.advertiser).toMatchObject({
      domain: 'maison-lumiere.co.uk',
      name: 'Maison Lumière',
    });
  });

  it('finds a privacy contact in the body', () => {
    const result = classifyMessage(
      {
        rawHeaders: 'From: Shop <news@shop.fr>\nSubject: x\n\n',
        body: {
          html: '<p>Vos droits : <a href="mailto:donnees-personnelles@shop.fr">écrivez-nous</a></p>',
        },
      },
      ctx,
    );
    expect(result.advertiser?.privacyContact).toBe('donnees-personnelles@shop.fr');
  });

  it('names the publication, not the platform, for shared sender domains', () => {
    const result = classifyMessage(
      {
        rawHeaders:
          'From: Eco <lettre-eco@substack.com>\nList-Id: <lettre-eco.substack.com>\nSubject: x\n\n',
      },
      ctx,
      // The rules alone: who the advertiser is, not what the model makes of a header-only stub.
      null,
    );
    expect(result.advertiser?.domain).toBe('lettre-eco.substack.com');
  });

  it('has no advertiser for a person writing from webmail', () => {
    expect(
      classifyMessage({ rawHeaders: 'From: Paul <paul.durand@gmail.com>\nSubject: salut\n\n' }, ctx)
        .advertiser,
    ).toBeNull();
  });
});

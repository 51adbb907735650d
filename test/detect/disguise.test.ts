/**
 * Senders that disguise who they are: a name or subject mixing alphabets or
 * hiding invisible characters, and a well-known brand's name on an address
 * of another domain. Both are learned features; these say when they fire,
 * and that a real sender's own name, a Greek or Russian sender and a
 * newsletter whose name holds a common word do not.
 */
import { describe, expect, it } from 'vitest';
import { modelInputFor } from '../../electron/detect/classify.js';
import { registrableDomain } from '../../electron/mail-format/index.js';
import { createMemoryContext } from '../../electron/detect/index.js';
import {
  isDisguised,
  namesAnotherBrand as brandOnDomain,
} from '../../electron/detect/model/disguise.js';
import { modelFeatures } from '../../electron/detect/model/features.js';
import { NAMED } from '../../electron/detect/model/vocabulary.js';

describe('a disguised sender name or subject', () => {
  it('is a word mixing Latin letters with Greek or Cyrillic ones', () => {
    expect(isDisguised('\u0391maz\u03bfn.fr')).toBe(true); // Greek capital alpha and omicron
    expect(isDisguised('Metam\u0430sk.io')).toBe(true); // Cyrillic a
    expect(isDisguised('Amazon.fr')).toBe(false);
  });

  it('is text hiding invisible characters (zero-width, tags, bidi overrides)', () => {
    expect(isDisguised('L\ufeffedger')).toBe(true);
    expect(isDisguised('Micro\u200bsoft')).toBe(true);
    expect(isDisguised('M\u{e0139}icrosoft')).toBe(true);
    expect(isDisguised('invoice\u202egpj.exe')).toBe(true);
  });

  it('is not Greek, Russian or accented writing, nor an emoji subject', () => {
    expect(isDisguised('Καλημέρα από την Αθήνα')).toBe(false);
    expect(isDisguised('Привет, Paul: встреча в пятницу')).toBe(false);
    expect(isDisguised('Crédit Agricole — réunion d’équipe')).toBe(false);
    expect(isDisguised('Cadeaux \u2728\ufe0f pour vous')).toBe(false);
  });

  it('is not an emoji sequence, a flag, Hebrew’s bidi marks or a byte-order mark that opens it', () => {
    expect(isDisguised('\u{1f9b8}\u200d\u2642\ufe0f Invitation to the summit')).toBe(false);
    expect(
      isDisguised(
        'Six Nations \u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} ce soir',
      ),
    ).toBe(false);
    expect(isDisguised('\u05e9\u05dc\u05d5\u05dd\u200f Shalom')).toBe(false);
    expect(isDisguised('\ufeffNewsletter de mars')).toBe(false);
    expect(isDisguised('News\ufeffletter')).toBe(true);
  });
});

// As the features pass it: the address's registrable domain.
const namesAnotherBrand = (name: string, domain: string) =>
  brandOnDomain(name, registrableDomain(domain) ?? domain);

describe('a brand’s name on another domain’s address', () => {
  it('is a brand phishers favour, named by a sender of another domain', () => {
    expect(namesAnotherBrand('LaPoste | Suivre votre colis', 'staroflifeprodukter.de')).toBe(true);
    expect(namesAnotherBrand('La Poste | Suivre votre colis', 'staroflifeprodukter.de')).toBe(true);
    expect(namesAnotherBrand('Crédit Agricole', 'credit.agricole.fr')).toBe(true);
    expect(namesAnotherBrand('Service Formation CPF', 'charterschools.ae')).toBe(true);
    expect(namesAnotherBrand('Capital One', 'secure.net')).toBe(true);
  });

  it('is not the brand writing from its own domains and sending subdomains', () => {
    expect(namesAnotherBrand('PayPal', 'mail.paypal.com')).toBe(false);
    expect(namesAnotherBrand('Crédit Agricole', 'credit-agricole.fr')).toBe(false);
    expect(namesAnotherBrand('Crédit Agricole Toulouse 31', 'ca-toulouse31.fr')).toBe(false);
    expect(namesAnotherBrand('Microsoft 365', 'sharepointonline.com')).toBe(false);
    expect(namesAnotherBrand('Amazon.fr', 'amazon.fr')).toBe(false);
    expect(namesAnotherBrand('Assurance Maladie', 'assurance-maladie.fr')).toBe(false);
  });

  it('is not a name that merely holds a common word or a surname', () => {
    expect(namesAnotherBrand('Start-ups Weekly', 'startupsweekly.com')).toBe(false);
    expect(namesAnotherBrand('Business Outlook', 'bizoutlook.com')).toBe(false);
    expect(namesAnotherBrand('Mike Norton', 'gmail.com')).toBe(false);
    expect(namesAnotherBrand('', 'example.com')).toBe(false);
  });
});

describe('the learned model reads them as two named features', () => {
  const features = (rawHeaders: string) => [
    ...modelFeatures(modelInputFor({ rawHeaders }, createMemoryContext())).indices,
  ];

  it('from the decoded sender name and subject', () => {
    const phishing = features(
      [
        'From: =?UTF-8?B?zpFtYXrOv24uZnI=?= <noreply@project-13bd2bde.firebaseapp.com>',
        'To: paul@exemple.fr',
        'Subject: =?UTF-8?Q?Votre_colis_La_Poste?=',
        'Message-ID: <a@firebaseapp.com>',
      ].join('\r\n'),
    );
    expect(phishing).toContain(NAMED.sender_disguised);
    const carrier = features(
      [
        'From: La Poste <suivi@staroflifeprodukter.de>',
        'To: paul@exemple.fr',
        'Subject: Suivre votre colis',
      ].join('\r\n'),
    );
    expect(carrier).toContain(NAMED.brand_elsewhere);
    expect(carrier).not.toContain(NAMED.sender_disguised);
    const real = features(
      [
        'From: La Poste <noreply@notif.laposte.fr>',
        'To: paul@exemple.fr',
        'Subject: Votre colis arrive demain',
      ].join('\r\n'),
    );
    expect(real).not.toContain(NAMED.brand_elsewhere);
    expect(real).not.toContain(NAMED.sender_disguised);
  });
});

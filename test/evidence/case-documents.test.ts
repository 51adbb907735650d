/**
 * The people's documents on their own: the CNIL text of a case where the
 * advertiser did answer (the Dovecot case covers the one where it did not).
 */
import { describe, expect, it } from 'vitest';
import type { MessageDetail } from '../../shared/types.js';
import {
  planBundle,
  SIGNAL_SPAM_STATUS,
  type BundledMessage,
  type CaseDocument,
} from '../../electron/evidence/bundle.js';
import type { CaseFacts } from '../../electron/evidence/case-facts.js';
import { cnilText, writeCnilText } from '../../electron/evidence/cnil-text.js';
import { reportText } from '../../electron/evidence/report-text.js';
import { timelineOf } from '../../electron/evidence/timeline.js';

function message(
  id: number,
  date: string,
  subject: string,
  role: BundledMessage['role'],
): BundledMessage {
  const folder = role === 'reply' ? 'replies' : 'messages';
  return {
    id,
    role,
    detail: {
      id,
      date,
      subject,
      from: { name: 'Boutique', address: 'dpo@boutique.fr' },
    } as MessageDetail,
    file: `${folder}/${date.slice(0, 10)}-Boutique.eml`,
    authentication: null,
  };
}

describe('the CNIL text of a case the advertiser answered', () => {
  const facts: CaseFacts = {
    advertiser: {
      domain: 'boutique.fr',
      name: 'Boutique',
      router: null,
      privacyContact: 'dpo@boutique.fr',
    },
    complainant: { name: 'Alice Martin', email: 'alice@exemple.fr' },
    identities: ['alice@exemple.fr'],
    messages: [1],
    objections: [
      {
        channel: 'letter',
        sentAt: '2026-10-01T09:00:00.000Z',
        to: 'dpo@boutique.fr',
        raw: Buffer.from('x'),
        proof: null,
      },
    ],
    deadline: '2026-11-01T09:00:00.000Z',
    replies: [2],
    violations: [],
    scope: { advertiser: 'boutique.fr' },
  };
  const messages = [
    message(1, '2026-09-15T08:00:00.000Z', 'Soldes', 'marketing'),
    message(2, '2026-10-08T08:00:00.000Z', 'Re: Opposition', 'reply'),
  ];
  const objections = [
    { ...facts.objections[0]!, file: 'objections/2026-10-01-1-letter.eml', proofFile: null },
  ];
  const doc: CaseDocument = {
    facts,
    lang: 'fr',
    createdAt: '2026-12-05T10:00:00.000Z',
    messages,
    objections,
    timeline: timelineOf(facts, messages, objections),
  };

  it('names the answer with its date and file, and the complainant by name', () => {
    const text = cnilText(doc).replace(/[\u00A0\u202F]/g, ' ');
    expect(text).toContain(
      '- 8 octobre 2026 : réponse de l’organisme reçue (pièce : replies/2026-10-08-Boutique.eml).',
    );
    expect(text).toContain(
      '== Réponses de l’organisme ==\n1 réponse(s) reçue(s) : 8 octobre 2026 (replies/2026-10-08-Boutique.eml).',
    );
    expect(text).not.toContain('Aucune réponse');
    expect(text).toContain('Nom : Alice Martin');
    expect(text).toContain('Contact vie privée : dpo@boutique.fr');
  });

  it('puts French no-break spaces before colons and semicolons, never ordinary ones', () => {
    const text = cnilText(doc);
    expect(text).not.toMatch(/ [:;]/);
    expect(text).toContain('Nom\u00A0: Alice Martin');
  });
});

describe('the report’s dates inside sentences', () => {
  it('writes the date of a legal flag in words, never as ISO 8601', () => {
    const late = message(3, '2026-11-10T08:00:00.000Z', 'Nouveautés', 'violation');
    late.detail = {
      ...late.detail,
      classification: {
        legalFlags: [
          {
            code: 'after_objection',
            fr: 'reçu 40 jours après votre opposition du 2026-10-01 (RGPD art. 21(3))',
            en: 'received 40 days after your objection of 2026-10-01 (GDPR Art. 21(3))',
          },
        ],
      },
    } as MessageDetail;
    const facts: CaseFacts = {
      advertiser: { domain: 'boutique.fr', name: 'Boutique', router: null, privacyContact: null },
      complainant: { name: 'Alice Martin', email: 'alice@exemple.fr' },
      identities: ['alice@exemple.fr'],
      messages: [3],
      objections: [],
      deadline: null,
      replies: [],
      violations: [3],
      scope: { advertiser: 'boutique.fr' },
    };
    const doc = (lang: 'fr' | 'en'): CaseDocument => ({
      facts,
      lang,
      createdAt: '2026-12-05T10:00:00.000Z',
      messages: [late],
      objections: [],
      timeline: timelineOf(facts, [late], []),
    });
    const breaches = (lang: 'fr' | 'en') =>
      reportText(doc(lang))
        .sections.flatMap((s) => s.paragraphs)
        .join('\n');
    expect(breaches('fr')).toContain('opposition du 1\u1D49\u02B3 octobre 2026 (RGPD');
    expect(breaches('en')).toContain('objection of 1 October 2026 (GDPR');
    expect(breaches('fr') + breaches('en')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('plain spam reported to Signal Spam through the objections capability', () => {
  it('keeps the sources for Signal Spam with the report’s status, and claims no objection', async () => {
    const spam = [
      message(1, '2026-11-01T07:00:00.000Z', 'Gagnez un iPhone 1', 'marketing'),
      message(2, '2026-11-02T07:00:00.000Z', 'Gagnez un iPhone 2', 'marketing'),
    ];
    const sources = new Map(
      spam.map((m) => [m.id, Buffer.from(`Subject: ${m.detail.subject}\r\n\r\nx\r\n`)]),
    );
    const facts: CaseFacts = {
      advertiser: {
        domain: 'promo-flash.com',
        name: 'Promo Flash',
        router: null,
        privacyContact: null,
      },
      complainant: { name: 'Alice Martin', email: 'alice@exemple.fr' },
      identities: ['alice@exemple.fr'],
      messages: [1, 2],
      objections: [
        {
          channel: 'signal-spam',
          sentAt: '2026-11-03T09:00:00.000Z',
          to: 'signal-spam',
          raw: Buffer.from('report'),
          proof: { response: 'HTTP 202', record: { channel: 'signal-spam', status: 202 } },
        },
      ],
      deadline: null,
      replies: [],
      violations: [],
      scope: { advertiser: 'promo-flash.com' },
    };
    const plan = await planBundle(
      facts,
      {
        message: (id) =>
          (spam.find((m) => m.id === id)?.detail as MessageDetail | undefined) ?? null,
        raw: (id) => sources.get(id) ?? null,
        authentication: () => null,
      },
      { lang: 'fr', createdAt: '2026-12-05T10:00:00.000Z', documents: [writeCnilText] },
    );
    const files = new Map(plan.files.map((f) => [f.path, f.bytes()]));
    expect(files.get('signal-spam/2026-11-01-Boutique.eml')?.equals(sources.get(1)!)).toBe(true);
    expect(JSON.parse(files.get(SIGNAL_SPAM_STATUS)!.toString())).toEqual([
      {
        service: 'signal-spam.fr',
        sentAt: '2026-11-03T09:00:00.000Z',
        answer: 'HTTP 202',
        proofFile: 'objections/2026-11-03-1-signal-spam-proof.json',
      },
    ]);
    const cnil = files
      .get('plainte-cnil.txt')!
      .toString()
      .replace(/[\u00A0\u202F]/g, ' ');
    expect(cnil).toContain('ce cas relève de Signal Spam');
    expect(cnil).not.toContain('je me suis opposé(e) à ce traitement');
    const report = reportText(plan.doc)
      .sections.flatMap((s) => s.paragraphs)
      .join('\n');
    expect(report).toContain('Aucune opposition n’a été envoyée');
  });
});

/**
 * The GDPR letter, in French and English, written by us from the facts in
 * shared/docs/legal.md: objection (Art. 21(2)), erasure (Art. 17(1)(c)),
 * access with the source (Art. 15(1)(g), Art. 14) and the recipients
 * (15(1)(c)), proof of consent (Art. 7(1)), withdrawal of any consent, the
 * one-month deadline (Art. 12(3)) and the reference replies are matched on.
 * Article numbers only, never quotations. The user reviews and may edit it.
 */
import { frenchSpacing } from '../../shared/typography.js';

export type LetterLanguage = 'fr' | 'en';

export interface LetterFacts {
  language: LetterLanguage;
  /** The user's address that received the marketing: the only identifier given. */
  identity: string;
  /** The advertiser as detection names it (or its domain). */
  advertiser: string;
  /** The offending message: its date and subject, to say what is objected to. */
  message: { date: string | null; subject: string };
  referenceToken: string;
  /** When the letter is written (ISO 8601); the deadline is one month after. */
  writtenAt: string;
  /** The deadline (Art. 12(3)) as a date, already computed. */
  deadline: string;
  /** The user's time zone, where the deadline ends and dates are read (absent: UTC). */
  timeZone?: string;
}

export interface LetterText {
  subject: string;
  text: string;
}

const NOT_LEGAL_ADVICE = {
  fr: 'Lettre préparée avec Inbox Guard ; ceci n’est pas un conseil juridique.',
  en: 'Letter prepared with Inbox Guard; this is not legal advice.',
};

/** How every letter ends: the reference to quote, the signature, the note that it is no advice. */
function signOff(language: 'fr' | 'en', referenceToken: string, identity: string): string[] {
  const reference =
    language === 'fr'
      ? `Merci de rappeler la référence ${referenceToken} dans votre réponse.`
      : `Please quote the reference ${referenceToken} in your reply.`;
  const greeting = language === 'fr' ? 'Cordialement,' : 'Yours faithfully,';
  return [reference, '', greeting, identity, '', '--', NOT_LEGAL_ADVICE[language]];
}

/** The day as the user lives it: a deadline ending at midnight in New York is not the next day. */
function dateIn(language: LetterLanguage, iso: string | null, timeZone = 'UTC'): string {
  if (!iso) return language === 'fr' ? 'date inconnue' : 'unknown date';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone,
  }).format(new Date(iso));
}

export function letterSubject(language: LetterLanguage, token: string): string {
  return language === 'fr'
    ? frenchSpacing(`Opposition, effacement et accès (RGPD art. 21, 17 et 15) — réf. ${token}`)
    : `Objection, erasure and access (GDPR Art. 21, 17 and 15) — ref. ${token}`;
}

export function gdprLetter(f: LetterFacts): LetterText {
  const received = dateIn(f.language, f.message.date, f.timeZone);
  const deadline = dateIn(f.language, f.deadline, f.timeZone);
  const lines =
    f.language === 'fr'
      ? [
          'Madame, Monsieur,',
          '',
          `Le ${received}, mon adresse ${f.identity} a reçu de ${f.advertiser} un message de prospection intitulé « ${f.message.subject} », joint à cette lettre.`,
          '',
          'En application du règlement (UE) 2016/679 (RGPD), je vous demande :',
          `1. Opposition (art. 21(2)) : de cesser tout traitement de mes données à des fins de prospection ; je retire en outre tout consentement que j’aurais pu donner.`,
          `2. Effacement (art. 17(1)(c)) : d’effacer sans délai mes données traitées à ces fins, et d’en informer les destinataires (art. 19) et les autres responsables (art. 17(2)).`,
          `3. Accès (art. 15(1)) : de me communiquer les données que vous détenez sur moi, leur source (art. 15(1)(g) et art. 14) et leurs destinataires (art. 15(1)(c)).`,
          `4. Preuve du consentement (art. 7(1)) : de me fournir la preuve du consentement sur lequel vous fondez ces envois, le cas échéant.`,
          '',
          `Cette demande vaut pour tous les services et sociétés dont vous êtes responsable de traitement. Le seul identifiant concerné est l’adresse ${f.identity}.`,
          '',
          `Conformément à l’art. 12(3), je vous remercie de me répondre dans un délai d’un mois, soit au plus tard le ${deadline}. À défaut, je saisirai la CNIL (art. 77).`,
          '',
          ...signOff('fr', f.referenceToken, f.identity),
        ]
      : [
          'Dear Sir or Madam,',
          '',
          `On ${received}, my address ${f.identity} received from ${f.advertiser} a marketing message titled “${f.message.subject}”, attached to this letter.`,
          '',
          'Under Regulation (EU) 2016/679 (GDPR), I ask you:',
          `1. Objection (Art. 21(2)): to stop processing my personal data for direct marketing; I also withdraw any consent I may have given.`,
          `2. Erasure (Art. 17(1)(c)): to erase without undue delay my data processed for that purpose, and to notify its recipients (Art. 19) and other controllers (Art. 17(2)).`,
          `3. Access (Art. 15(1)): to give me the data you hold about me, its source (Art. 15(1)(g) and Art. 14) and its recipients (Art. 15(1)(c)).`,
          `4. Proof of consent (Art. 7(1)): to provide proof of any consent you rely on for these messages.`,
          '',
          `This request covers every service and company for which you are controller. The only identifier concerned is the address ${f.identity}.`,
          '',
          `Under Art. 12(3), please answer within one month, that is by ${deadline} at the latest. Without an answer, I will lodge a complaint with the supervisory authority (Art. 77).`,
          '',
          ...signOff('en', f.referenceToken, f.identity),
        ];
  const text = lines.join('\n');
  return {
    subject: letterSubject(f.language, f.referenceToken),
    text: f.language === 'fr' ? frenchSpacing(text) : text,
  };
}

export interface ReminderFacts {
  language: LetterLanguage;
  identity: string;
  advertiser: string;
  /** The first letter: when it was sent and its reference. */
  firstSentAt: string;
  firstToken: string;
  referenceToken: string;
  /** Two weeks from the reminder. */
  deadline: string;
  timeZone?: string;
}

/** The follow-up once a letter's month passed unanswered; a complaint to the CNIL comes next. */
export function reminderLetter(f: ReminderFacts): LetterText {
  const first = dateIn(f.language, f.firstSentAt, f.timeZone);
  const deadline = dateIn(f.language, f.deadline, f.timeZone);
  const lines =
    f.language === 'fr'
      ? [
          'Madame, Monsieur,',
          '',
          `Le ${first}, je vous ai adressé une demande d’opposition, d’effacement et d’accès (RGPD art. 21(2), 17(1)(c) et 15(1)), référence ${f.firstToken}, concernant mon adresse ${f.identity}.`,
          '',
          `Le délai d’un mois prévu par l’art. 12(3) est expiré sans réponse de ${f.advertiser}.`,
          '',
          `Je vous remercie d’y donner suite au plus tard le ${deadline}. À défaut, je saisirai la CNIL (art. 77) en joignant cette correspondance.`,
          '',
          ...signOff('fr', f.referenceToken, f.identity),
        ]
      : [
          'Dear Sir or Madam,',
          '',
          `On ${first}, I sent you a request for objection, erasure and access (GDPR Art. 21(2), 17(1)(c) and 15(1)), reference ${f.firstToken}, about my address ${f.identity}.`,
          '',
          `The one-month period of Art. 12(3) has passed without an answer from ${f.advertiser}.`,
          '',
          `Please act on it by ${deadline} at the latest. Otherwise I will lodge a complaint with the supervisory authority (Art. 77), with this correspondence attached.`,
          '',
          ...signOff('en', f.referenceToken, f.identity),
        ];
  const text = lines.join('\n');
  const subject =
    f.language === 'fr'
      ? frenchSpacing(
          `Relance : demande RGPD du ${first} restée sans réponse — réf. ${f.referenceToken}`,
        )
      : `Reminder: GDPR request of ${first} unanswered — ref. ${f.referenceToken}`;
  return { subject, text: f.language === 'fr' ? frenchSpacing(text) : text };
}

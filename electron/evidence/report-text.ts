/**
 * What the report says, in French (the CNIL's language, the default) or in
 * English: sections of paragraphs and tables, written from the bundle's facts,
 * citing article numbers, never long quotations (docs/legal.md). The PDF
 * lays these out; the words live here.
 */
import type { BundledMessage, CaseDocument } from './bundle.js';
import { firstObjection } from './case-facts.js';
import { frenchSpacing } from '../../shared/typography.js';
import { authenticationNote, dkimStatus, spfDmarcStatus } from './report-auth.js';

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  table?: { columns: string[]; rows: string[][] };
}

export interface ReportText {
  title: string;
  subtitle: string;
  sections: ReportSection[];
  figureCaption: string;
  closing: string;
}

type Lang = CaseDocument['lang'];

/**
 * 2026-10-01T09:00:00Z → « 1er octobre 2026 » / "1 October 2026" (UTC: the same day for
 * everyone). French writes the first of the month as an ordinal, its letters raised in print
 * (« 1ᵉʳ », `raised`) and plain where text is pasted (the CNIL form).
 */
export function longDate(iso: string | null, lang: Lang, raised = false): string {
  if (!iso) return lang === 'fr' ? 'date inconnue' : 'unknown date';
  const text = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(iso));
  return lang === 'fr' ? text.replace(/^1 /, raised ? '1\u1D49\u02B3 ' : '1er ') : text;
}

/** A date as the report prints it. */
export const reportDate = (iso: string | null, lang: Lang) => longDate(iso, lang, true);

/** ISO dates inside a sentence (a legal flag's « opposition du 2026-10-01 ») as the report's. */
export function withLongDates(text: string, lang: Lang): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})(T[\d:.]+Z?)?\b/g, (iso) =>
    Number.isFinite(Date.parse(iso)) ? reportDate(iso, lang) : iso,
  );
}

/** The objections capability's channels (ObjectionChannel), in words. */
const CHANNEL_WORDS: Record<Lang, Record<string, string>> = {
  fr: {
    letter: 'courriel d’opposition',
    'one-click': 'désinscription en un clic',
    mailto: 'courriel de désinscription',
    'abuse-report': 'signalement d’abus',
    'signal-spam': 'signalement à Signal Spam',
    unknown: 'canal non conservé',
  },
  en: {
    letter: 'objection email',
    'one-click': 'one-click unsubscribe',
    mailto: 'unsubscribe email',
    'abuse-report': 'abuse report',
    'signal-spam': 'Signal Spam report',
    unknown: 'channel not kept',
  },
};

/** How a request left, in words (the channel's code when it has none). */
export function channelName(channel: string, lang: Lang): string {
  return CHANNEL_WORDS[lang][channel] ?? channel;
}

export function reportText(doc: CaseDocument): ReportText {
  const text = doc.lang === 'fr' ? frenchReport(doc) : englishReport(doc);
  if (doc.lang !== 'fr') return text;
  const fr = (s: string) => frenchSpacing(s);
  return {
    title: fr(text.title),
    subtitle: fr(text.subtitle),
    figureCaption: fr(text.figureCaption),
    closing: fr(text.closing),
    sections: text.sections.map((s) => ({
      heading: fr(s.heading),
      paragraphs: s.paragraphs.map(fr),
      table: s.table && {
        columns: s.table.columns.map(fr),
        rows: s.table.rows.map((r) => r.map(fr)),
      },
    })),
  };
}

/** The legal flags detection raised on the case's messages, each once, in the report's language. */
function legalFlags(doc: CaseDocument): string[] {
  const seen = new Map<string, string>();
  for (const m of doc.messages)
    for (const f of m.detail.classification?.legalFlags ?? [])
      if (!seen.has(f.code))
        seen.set(f.code, withLongDates(doc.lang === 'fr' ? f.fr : f.en, doc.lang));
  return [...seen.values()];
}

/** « Alice Martin <alice@…> », or the address alone when the account bears no other name. */
export function complainant(doc: CaseDocument): string {
  const { name, email } = doc.facts.complainant;
  return name && name !== email ? `${name} <${email}>` : email;
}

function after(doc: CaseDocument): BundledMessage[] {
  const first = firstObjection(doc.facts)?.sentAt;
  return first
    ? doc.messages.filter((m) => m.role !== 'reply' && (m.detail.date ?? '') > first)
    : [];
}

function messageRows(messages: BundledMessage[], lang: Lang): string[][] {
  return messages.map((m) => [
    reportDate(m.detail.date, lang),
    m.detail.subject,
    dkimStatus(m, lang),
    spfDmarcStatus(m, lang),
  ]);
}

/** What every section reads of the case. */
interface Figures {
  doc: CaseDocument;
  f: CaseDocument['facts'];
  a: CaseDocument['facts']['advertiser'];
  marketing: BundledMessage[];
  objection: CaseDocument['facts']['objections'][number] | undefined;
  late: BundledMessage[];
  flags: string[];
  replies: BundledMessage[];
}

function figures(doc: CaseDocument): Figures {
  return {
    doc,
    f: doc.facts,
    a: doc.facts.advertiser,
    marketing: doc.messages.filter((m) => m.role !== 'reply'),
    objection: firstObjection(doc.facts),
    late: after(doc),
    flags: legalFlags(doc),
    replies: doc.messages.filter((m) => m.role === 'reply'),
  };
}

function frenchReport(doc: CaseDocument): ReportText {
  const c = figures(doc);
  const { f, a } = c;
  return {
    title: `Dossier de plainte : ${a.name ?? a.domain}`,
    subtitle: `Établi le ${reportDate(doc.createdAt, 'fr')} par Inbox Guard, pour ${f.complainant.name || f.complainant.email}`,
    sections: [
      frenchComplainant(c),
      frenchAdvertiser(c),
      frenchFacts(c),
      frenchBreaches(c),
      frenchObjections(c),
      frenchAfterObjection(c),
    ],
    figureCaption: 'Chronologie : messages reçus, opposition, échéance, violations',
    closing:
      'Ce rapport a été produit par le logiciel de l’utilisateur (Inbox Guard) à partir des messages originaux, conservés octet pour octet avec leur empreinte SHA-256 (voir manifest.json). Il ne constitue pas un avis juridique.',
  };
}

function frenchComplainant(c: Figures): ReportSection {
  const { doc, f } = c;
  return {
    heading: 'Qui se plaint',
    paragraphs: [
      `${complainant(doc)}.`,
      `Adresses concernées : ${f.identities.join(', ') || f.complainant.email}.`,
    ],
  };
}

function frenchAdvertiser(c: Figures): ReportSection {
  const { a } = c;
  return {
    heading: 'L’annonceur',
    paragraphs: [
      `${a.name ?? 'Nom inconnu'} (domaine ${a.domain}).`,
      a.router
        ? `Routeur : ${a.router.name}${a.router.accountId ? `, compte ${a.router.accountId}` : ''}${a.router.abuse ? ` (abus : ${a.router.abuse})` : ''}.`
        : 'Routeur : envoi direct, aucun routeur reconnu.',
      `Contact vie privée : ${a.privacyContact ?? 'non trouvé dans les messages'}.`,
    ],
  };
}

function frenchFacts(c: Figures): ReportSection {
  const { f, marketing, objection, replies } = c;
  return {
    heading: 'Les faits',
    paragraphs: [
      `Entre le ${reportDate(marketing[0]?.detail.date ?? null, 'fr')} et le ${reportDate(marketing.at(-1)?.detail.date ?? null, 'fr')}, ${marketing.length} messages de prospection de cet annonceur ont été reçus, sans consentement préalable.`,
      objection
        ? `Le ${reportDate(objection.sentAt, 'fr')}, opposition envoyée (${channelName(objection.channel, 'fr')}${objection.to ? `, à ${objection.to}` : ''}) au titre du RGPD art. 21(2) et 21(3), avec demande d’effacement (art. 17(1)(c)).`
        : 'Aucune opposition n’a été envoyée : il s’agit d’un pourriel à signaler à Signal Spam.',
      f.deadline
        ? `Le délai d’un mois pour y donner suite (RGPD art. 12(3)) a expiré le ${reportDate(f.deadline, 'fr')}. ${replies.length ? `${replies.length} réponse(s) de l’annonceur reçue(s).` : 'Aucune réponse de l’annonceur n’a été reçue.'}`
        : '',
      f.violations.length
        ? `Après ce délai, ${f.violations.length} nouveaux messages de prospection ont été reçus, en violation de l’art. 21(3) du RGPD.`
        : '',
    ].filter(Boolean),
  };
}

function frenchBreaches(c: Figures): ReportSection {
  const { f, flags } = c;
  return {
    heading: 'Manquements relevés',
    paragraphs: [
      ...flags.map((x) => `• ${x}`),
      ...(f.violations.length
        ? [
            '• prospection poursuivie malgré l’opposition (RGPD art. 21(3) ; Code pénal art. 226-18-1)',
          ]
        : []),
      '• prospection par courriel sans consentement préalable : CPCE art. L.34-5, jusqu’à 750 € par message (CPCE art. R.10-1)',
    ],
  };
}

function frenchObjections(c: Figures): ReportSection {
  const { f } = c;
  return {
    heading: 'L’opposition et sa preuve',
    paragraphs: f.objections.map(
      (o) =>
        `${reportDate(o.sentAt, 'fr')} — ${channelName(o.channel, 'fr')}${o.to ? ` à ${o.to}` : ''} ; réponse du serveur : « ${o.proof?.response ?? 'non conservée'} ».`,
    ),
  };
}

function frenchAfterObjection(c: Figures): ReportSection {
  const { late } = c;
  return {
    heading: 'Messages reçus après l’opposition',
    paragraphs: late.length ? [authenticationNote('fr')] : ['Aucun.'],
    table: late.length
      ? {
          columns: ['Date', 'Objet', 'Signature DKIM', 'SPF/DMARC'],
          rows: messageRows(late, 'fr'),
        }
      : undefined,
  };
}

function englishReport(doc: CaseDocument): ReportText {
  const c = figures(doc);
  const { f, a } = c;
  return {
    title: `Complaint file: ${a.name ?? a.domain}`,
    subtitle: `Made on ${reportDate(doc.createdAt, 'en')} by Inbox Guard, for ${f.complainant.name || f.complainant.email}`,
    sections: [
      englishComplainant(c),
      englishAdvertiser(c),
      englishFacts(c),
      englishBreaches(c),
      englishObjections(c),
      englishAfterObjection(c),
    ],
    figureCaption: 'Timeline: messages received, objection, deadline, violations',
    closing:
      'This report was made by the user’s own software (Inbox Guard) from the original messages, kept byte for byte with their SHA-256 (see manifest.json). It is not legal advice.',
  };
}

function englishComplainant(c: Figures): ReportSection {
  const { doc, f } = c;
  return {
    heading: 'Who complains',
    paragraphs: [
      `${complainant(doc)}.`,
      `Addresses concerned: ${f.identities.join(', ') || f.complainant.email}.`,
    ],
  };
}

function englishAdvertiser(c: Figures): ReportSection {
  const { a } = c;
  return {
    heading: 'The advertiser',
    paragraphs: [
      `${a.name ?? 'Unknown name'} (domain ${a.domain}).`,
      a.router
        ? `Router: ${a.router.name}${a.router.accountId ? `, account ${a.router.accountId}` : ''}${a.router.abuse ? ` (abuse: ${a.router.abuse})` : ''}.`
        : 'Router: sent directly, no router recognised.',
      `Privacy contact: ${a.privacyContact ?? 'not found in the messages'}.`,
    ],
  };
}

function englishFacts(c: Figures): ReportSection {
  const { f, marketing, objection, replies } = c;
  return {
    heading: 'The facts',
    paragraphs: [
      `Between ${reportDate(marketing[0]?.detail.date ?? null, 'en')} and ${reportDate(marketing.at(-1)?.detail.date ?? null, 'en')}, ${marketing.length} marketing messages from this advertiser were received without prior consent.`,
      objection
        ? `On ${reportDate(objection.sentAt, 'en')}, an objection was sent (${channelName(objection.channel, 'en')}${objection.to ? `, to ${objection.to}` : ''}) under GDPR Art. 21(2) and 21(3), with a request for erasure (Art. 17(1)(c)).`
        : 'No objection was sent: this is spam to report to Signal Spam.',
      f.deadline
        ? `The one-month deadline to act on it (GDPR Art. 12(3)) passed on ${reportDate(f.deadline, 'en')}. ${replies.length ? `${replies.length} answer(s) from the advertiser received.` : 'No answer from the advertiser was received.'}`
        : '',
      f.violations.length
        ? `After that deadline, ${f.violations.length} more marketing messages were received, in breach of GDPR Art. 21(3).`
        : '',
    ].filter(Boolean),
  };
}

function englishBreaches(c: Figures): ReportSection {
  const { f, flags } = c;
  return {
    heading: 'Breaches noted',
    paragraphs: [
      ...flags.map((x) => `• ${x}`),
      ...(f.violations.length
        ? [
            '• marketing continued despite the objection (GDPR Art. 21(3); Code pénal art. 226-18-1)',
          ]
        : []),
      '• email marketing without prior consent: CPCE Art. L.34-5, up to 750 EUR per message (CPCE Art. R.10-1)',
    ],
  };
}

function englishObjections(c: Figures): ReportSection {
  const { f } = c;
  return {
    heading: 'The objection and its proof',
    paragraphs: f.objections.map(
      (o) =>
        `${reportDate(o.sentAt, 'en')} — ${channelName(o.channel, 'en')}${o.to ? ` to ${o.to}` : ''}; the server answered: "${o.proof?.response ?? 'not kept'}".`,
    ),
  };
}

function englishAfterObjection(c: Figures): ReportSection {
  const { late } = c;
  return {
    heading: 'Messages received after the objection',
    paragraphs: late.length ? [authenticationNote('en')] : ['None.'],
    table: late.length
      ? {
          columns: ['Date', 'Subject', 'DKIM signature', 'SPF/DMARC'],
          rows: messageRows(late, 'en'),
        }
      : undefined,
  };
}

/**
 * plainte-cnil.txt: the text of each field of the CNIL's online complaint
 * form, ready to paste, in French whatever the report's language (a
 * complaint is written in French). The CNIL rejects vague complaints: the
 * steps carry their dates, and the absence of an answer is said outright.
 */
import type { CaseDocument, DocumentWriter } from './bundle.js';
import { firstObjection } from './case-facts.js';
import { frenchSpacing } from '../../shared/typography.js';
import { channelName, longDate } from './report-text.js';

export const CNIL_FILE = 'plainte-cnil.txt';
const FORM_URL = 'https://www.cnil.fr/fr/plaintes';

export const writeCnilText: DocumentWriter = (doc) =>
  Promise.resolve(new Map([[CNIL_FILE, Buffer.from(cnilText(doc))]]));

export function cnilText(doc: CaseDocument): string {
  const f = doc.facts;
  const a = f.advertiser;
  const marketing = doc.messages.filter((m) => m.role !== 'reply');
  const replies = doc.messages.filter((m) => m.role === 'reply');
  const objection = firstObjection(f);
  const field = (title: string, lines: string[]) => [`== ${title} ==`, ...lines, ''];
  const steps = stepLines(doc);
  const lines = [
    'PLAINTE À LA CNIL — texte de chaque champ du formulaire en ligne, prêt à coller',
    `Formulaire : ${FORM_URL}`,
    `Préparé le ${d(doc.createdAt)} par Inbox Guard (ce texte n’est pas un avis juridique).`,
    '',
    ...field('Vos coordonnées', [
      `Nom : ${f.complainant.name && f.complainant.name !== f.complainant.email ? f.complainant.name : 'à compléter'}`,
      `Adresse électronique : ${f.complainant.email}`,
      `Adresses ayant reçu les messages : ${f.identities.join(', ') || f.complainant.email}`,
    ]),
    ...field('Organisme mis en cause', [
      `Nom : ${a.name ?? a.domain}`,
      `Site / domaine : ${a.domain}`,
      'Adresse postale : à compléter (mentions légales du site)',
      'SIREN : à compléter si connu',
      `Contact vie privée : ${a.privacyContact ?? objection?.to ?? 'non trouvé'}`,
      ...(a.router
        ? [
            `Prestataire d’envoi : ${a.router.name}${a.router.accountId ? ` (compte ${a.router.accountId})` : ''}`,
          ]
        : []),
    ]),
    ...field('Thème', [
      'Prospection commerciale par courrier électronique poursuivie malgré une opposition (RGPD art. 21 ; CPCE art. L.34-5).',
    ]),
    ...field('Les faits', [
      `Entre le ${d(marketing[0]?.detail.date ?? null)} et le ${d(marketing.at(-1)?.detail.date ?? null)}, j’ai reçu ${marketing.length} messages de prospection de ${a.name ?? a.domain} (${a.domain}), sans y avoir consenti.`,
      objection
        ? `Le ${d(objection.sentAt)}, je me suis opposé(e) à ce traitement et j’ai demandé l’effacement de mes données.`
        : 'Je ne me suis pas opposé(e) auprès de l’organisme : ce cas relève de Signal Spam (signal-spam.fr), voir le dossier signal-spam/.',
      ...(f.violations.length
        ? [
            `Après l’échéance du ${d(f.deadline)}, j’ai encore reçu ${f.violations.length} messages de prospection.`,
          ]
        : []),
      'Les messages originaux, leurs signatures DKIM vérifiées à réception et les empreintes SHA-256 sont joints (rapport.pdf, manifest.json).',
    ]),
    ...field('Démarches effectuées auprès de l’organisme (avec dates)', steps),
    ...field('Réponses de l’organisme', [
      replies.length
        ? `${replies.length} réponse(s) reçue(s) : ${replies.map((r) => `${d(r.detail.date)} (${r.file ?? 'source non conservée'})`).join(' ; ')}.`
        : `Aucune réponse n’a été reçue à la date du ${d(doc.createdAt)}${f.deadline ? `, alors que le délai d’un mois a expiré le ${d(f.deadline)}` : ''}.`,
    ]),
    ...field('Pièces jointes', [
      '- rapport.pdf (synthèse et chronologie)',
      ...doc.objections.flatMap((o) =>
        [o.file, o.proofFile].filter((x): x is string => !!x).map((x) => `- ${x}`),
      ),
      ...doc.messages.flatMap((m) => (m.file ? [`- ${m.file}`] : [])),
    ]),
  ];
  return lines.map(frenchSpacing).join('\n');
}

const d = (iso: string | null) => longDate(iso, 'fr');

/** Each step with its date and the file that proves it. */
function stepLines(doc: CaseDocument): string[] {
  return doc.timeline.map((e) => {
    const file = e.file ? ` (pièce : ${e.file})` : '';
    switch (e.kind) {
      case 'objection_sent':
        return `- ${d(e.at)} : opposition envoyée (${objectionWords(doc, e.at)}) au titre du RGPD art. 21(2) et 17(1)(c)${file}.`;
      case 'deadline':
        return `- ${d(e.at)} : fin du délai d’un mois pour répondre (RGPD art. 12(3)).`;
      case 'reply_received':
        return `- ${d(e.at)} : réponse de l’organisme reçue${file}.`;
      case 'violation':
        return `- ${d(e.at)} : nouveau message de prospection reçu après l’échéance${file}.`;
      default:
        return `- ${d(e.at)} : message de prospection reçu${file}.`;
    }
  });
}

/** « courriel à dpo@… » for the request sent at `at`. */
function objectionWords(doc: CaseDocument, at: string): string {
  const o = doc.objections.find((x) => x.sentAt === at);
  if (!o) return channelName('unknown', 'fr');
  return `${channelName(o.channel, 'fr')}${o.to ? ` à ${o.to}` : ''}`;
}

/**
 * Every reason detection can give, with a stable code and a sentence in
 * English and French that a person can check against the message. French is
 * written as a French reader would write it, not translated word for word.
 */
import type { Signal, WordedSignal } from './types.js';
import { describeModelFeatures } from './model/describe.js';

type Params = Record<string, string>;
type Template = (p: Params) => string;

const CATALOG: Record<string, { en: Template; fr: Template }> = {
  list_unsubscribe: {
    en: () => 'List-Unsubscribe header present',
    fr: () => 'En-tête List-Unsubscribe présent',
  },
  one_click_unsubscribe: {
    en: () => 'one-click unsubscribe offered (RFC 8058)',
    fr: () => 'désinscription en un clic proposée (RFC 8058)',
  },
  router: {
    en: (p) => `sent through ${p.name} (${p.evidence})`,
    fr: (p) => `envoyé via ${p.name} (${p.evidence})`,
  },
  forged_router: {
    en: (p) => `headers claim ${p.name}, but the receiving server saw another origin`,
    fr: (p) =>
      `les en-têtes se réclament de ${p.name}, mais le serveur de réception a vu une autre origine`,
  },
  bulk_precedence: {
    en: (p) => `marked as bulk mail (Precedence: ${p.value})`,
    fr: (p) => `marqué comme envoi en nombre (Precedence : ${p.value})`,
  },
  discussion_list: {
    en: (p) => `mailing-list discussion (${p.list})`,
    fr: (p) => `discussion sur une liste de diffusion (${p.list})`,
  },
  received_through_list: {
    en: (p) => `received through the list ${p.list}`,
    fr: (p) => `reçu par la liste de diffusion ${p.list}`,
  },
  own_list_post: {
    en: (p) => `your own post to a mailing list (${p.list})`,
    fr: (p) => `votre propre message à une liste de diffusion (${p.list})`,
  },
  never_wrote_domain: {
    en: () => 'you never wrote to this domain',
    fr: () => 'vous n’avez jamais écrit à ce domaine',
  },
  wrote_to_sender: {
    en: () => 'you wrote to this sender before',
    fr: () => 'vous avez déjà écrit à cet expéditeur',
  },
  wrote_to_domain: {
    en: () => 'you wrote to this domain before',
    fr: () => 'vous avez déjà écrit à ce domaine',
  },
  reply_in_thread: {
    en: () => 'reply in a thread you started',
    fr: () => 'réponse dans une conversation que vous avez commencée',
  },
  wanted_sender: {
    en: () => 'you marked this sender as wanted',
    fr: () => 'vous avez marqué cet expéditeur comme souhaité',
  },
  unwanted_sender: {
    en: () => 'you marked this sender as unwanted',
    fr: () => 'vous avez marqué cet expéditeur comme indésirable',
  },
  own_organisation: {
    en: (p) => `sent from your own organisation (${p.domain})`,
    fr: (p) => `envoyé depuis votre propre organisation (${p.domain})`,
  },
  tracking_pixel: {
    en: (p) => `tracking pixel from ${p.name}`,
    fr: (p) => `pixel de suivi de ${p.name}`,
  },
  sales_language: {
    en: (p) => `sales wording: “${p.phrase}”`,
    fr: (p) => `formule commerciale : « ${p.phrase} »`,
  },
  calendar_link: {
    en: (p) => `meeting booking link (${p.host})`,
    fr: (p) => `lien de prise de rendez-vous (${p.host})`,
  },
  fake_reply: {
    en: () => '“Re:” subject, but not a reply to anything you sent',
    fr: () => 'objet en « Re: », sans répondre à un message de votre part',
  },
  follow_up: {
    en: (p) => `sequence follow-up: “${p.phrase}”`,
    fr: (p) => `relance automatique : « ${p.phrase} »`,
  },
  no_unsubscribe: {
    en: () => 'no unsubscribe header',
    fr: () => 'aucun en-tête de désinscription',
  },
  nominative_identity: {
    en: (p) => `sent to your named work address (${p.address})`,
    fr: (p) => `envoyé à votre adresse professionnelle nominative (${p.address})`,
  },
  mailbox_sender: {
    en: (p) => `sent from an ordinary mailbox (${p.provider}), as one-to-one mail`,
    fr: (p) =>
      `envoyé depuis une boîte aux lettres ordinaire (${p.provider}), comme un courriel individuel`,
  },
  transactional_words: {
    en: (p) => `transactional wording: “${p.phrase}”`,
    fr: (p) => `formulation transactionnelle : « ${p.phrase} »`,
  },
  marketing_words: {
    en: (p) => `promotional wording: “${p.phrase}”`,
    fr: (p) => `formulation promotionnelle : « ${p.phrase} »`,
  },
  no_reply_sender: {
    en: () => 'sent from a no-reply address',
    fr: () => 'envoyé depuis une adresse « no-reply »',
  },
  auth_failed: {
    en: () => 'sender authentication failed (no valid DKIM, SPF not passed)',
    fr: () => 'l’authentification de l’expéditeur a échoué (pas de DKIM valide, SPF non validé)',
  },
  dmarc_failed: {
    en: (p) => `DMARC check failed for ${p.domain}`,
    fr: (p) => `échec du contrôle DMARC pour ${p.domain}`,
  },
  unaligned_sender: {
    en: () => 'From domain not covered by any DKIM signature',
    fr: () => 'domaine de l’expéditeur couvert par aucune signature DKIM',
  },
  scam_words: {
    en: (p) => `scam or phishing wording: “${p.phrase}”`,
    fr: (p) => `formulation d’arnaque ou d’hameçonnage : « ${p.phrase} »`,
  },
  reply_to_elsewhere: {
    en: (p) => `replies go to an unrelated address (${p.domain})`,
    fr: (p) => `les réponses partent vers une adresse sans rapport (${p.domain})`,
  },
  display_name_domain: {
    en: (p) => `display name shows another domain (${p.domain})`,
    fr: (p) => `le nom affiché montre un autre domaine (${p.domain})`,
  },
  no_advertiser: {
    en: () => 'no identifiable advertiser',
    fr: () => 'aucun annonceur identifiable',
  },
  one_to_one: {
    en: () => 'one-to-one message without list headers',
    fr: () => 'message individuel, sans en-tête de liste',
  },
  in_reply_to: {
    en: () => 'reply to an earlier message',
    fr: () => 'réponse à un message antérieur',
  },
  auto_submitted: {
    en: (p) => `sent by a machine (Auto-Submitted: ${p.value})`,
    fr: (p) => `envoyé par un automate (Auto-Submitted : ${p.value})`,
  },
  delivery_report: {
    en: (p) => `a mail server's report on mail sent (multipart/report: ${p.type})`,
    fr: (p) => `un rapport de serveur de messagerie sur un envoi (multipart/report : ${p.type})`,
  },
  mail_system_sender: {
    en: () => 'sent by a mail system (MAILER-DAEMON, postmaster)',
    fr: () => 'envoyé par un système de messagerie (MAILER-DAEMON, postmaster)',
  },
  forwarded: {
    en: () => 'forwarded by someone',
    fr: () => 'transféré par quelqu’un',
  },
  token_unwanted: {
    en: () => 'similar to mail you marked unwanted',
    fr: () => 'ressemble à du courrier que vous avez marqué indésirable',
  },
  token_wanted: {
    en: () => 'similar to mail you marked wanted',
    fr: () => 'ressemble à du courrier que vous avez marqué souhaité',
  },
  leaked_identity: {
    en: (p) => `your private address ${p.address} received unsolicited marketing: it has leaked`,
    fr: (p) =>
      `votre adresse privée ${p.address} reçoit de la publicité non sollicitée : elle a fuité`,
  },
  customer_relationship: {
    en: (p) =>
      `you are a customer of ${p.domain} (its orders, receipts or account mail reached you): promotions from a shop you bought from are not a leak (CPCE L.34-5)`,
    fr: (p) =>
      `vous êtes client de ${p.domain} (ses commandes, reçus ou messages de compte vous sont parvenus) : les promotions d’une boutique où vous avez acheté ne sont pas une fuite (CPCE L.34-5)`,
  },
  plus_tag: {
    en: (p) => `sent to your +${p.tag} address: the site you gave it to passed it on`,
    fr: (p) => `envoyé à votre adresse +${p.tag} : le site à qui vous l’avez donnée l’a transmise`,
  },
  unauthenticated_contact: {
    en: () => 'claims to be a known contact, but failed authentication',
    fr: () => 'se présente comme un contact connu, mais échoue à l’authentification',
  },
  recruiting: {
    en: (p) => `a recruiter's approach, not a sale: “${p.phrase}”`,
    fr: (p) => `approche d’un recruteur, pas une vente : « ${p.phrase} »`,
  },
  personal_mailbox_domain: {
    en: (p) => `sent from a personal webmail address (${p.domain})`,
    fr: (p) => `envoyé depuis une adresse de messagerie personnelle (${p.domain})`,
  },
  learned_model: {
    en: (p) => withFeatures(`learned model, ${p.percent} % sure`, p.features, 'en'),
    fr: (p) => withFeatures(`modèle appris, sûr à ${p.percent} %`, p.features, 'fr'),
  },
};

/** "learned model, 92 % sure: a List-Unsubscribe header, the words “offer”". */
function withFeatures(head: string, features: string | undefined, lang: 'en' | 'fr'): string {
  const words = describeModelFeatures(features ?? '', lang);
  if (!words) return head;
  return lang === 'fr' ? `${head} : ${words}` : `${head}: ${words}`;
}

export type SignalCode = keyof typeof CATALOG;

/** A signal in words: the code's sentences with its parameters filled in. */
export function signal(code: SignalCode, params: Params = NO_PARAMS): WordedSignal {
  const entry = CATALOG[code];
  if (!entry) return { code, en: code, fr: code };
  const hasParams = Object.keys(params).length > 0;
  return {
    code,
    en: entry.en(params),
    fr: entry.fr(params),
    ...(hasParams ? { params: { ...params } } : {}),
  };
}

const NO_PARAMS: Params = Object.freeze({});

/**
 * A signal whose parameters belong to one message (the words the learned
 * model weighed); like every signal detection gives, put into words only
 * when shown.
 */
export function messageSignal(code: SignalCode, params: Params): Signal {
  return { code, params };
}

/** A signal detection gave, put into words (the CLI, tests). */
export function wordedSignal(s: Signal): WordedSignal {
  return signal(s.code as SignalCode, s.params ?? NO_PARAMS);
}

/** A stored signal (code and params, or a whole sentence from an older store) put into words. */
export function storedSignal(stored: {
  code: string;
  params?: Params;
  en?: string;
  fr?: string;
}): WordedSignal {
  if (typeof stored.en === 'string' && typeof stored.fr === 'string')
    return { code: stored.code, en: stored.en, fr: stored.fr };
  return signal(stored.code as SignalCode, stored.params ?? NO_PARAMS);
}

/** A reason the rules weigh; those the verdict keeps become its signals (materialize). */
export interface PendingSignal {
  code: SignalCode;
  params?: Params;
}

export function pending(code: SignalCode, params?: Params): PendingSignal {
  return params ? { code, params } : { code };
}

/** A reason the verdict keeps, as a signal of its own (reasons are shared between kinds). */
export function materialize(item: PendingSignal): Signal {
  return item.params ? { code: item.code, params: item.params } : { code: item.code };
}

export const SIGNAL_CODES: readonly string[] = Object.keys(CATALOG);

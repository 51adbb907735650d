/**
 * How the report words each message's authentication: our DKIM verification,
 * our SPF/DMARC check, and which results are whose (ours, against DNS when we
 * checked; the receiving server's, against DNS of the day of receipt).
 */
import type { UncheckableReason } from '../../shared/api/evidence.js';
import type { BundledMessage, CaseDocument } from './bundle.js';

type Lang = CaseDocument['lang'];

const DKIM_WORDS: Record<Lang, Record<string, string>> = {
  fr: { pass: 'valide', fail: 'invalide', neutral: 'non vérifiable', none: 'absente' },
  en: { pass: 'valid', fail: 'invalid', neutral: 'not verifiable', none: 'absent' },
};

export function dkimStatus(m: BundledMessage, lang: Lang): string {
  const a = m.authentication;
  if (!a) return lang === 'fr' ? 'source non conservée' : 'source not kept';
  const word = DKIM_WORDS[lang][a.dkimResult] ?? a.dkimResult;
  return a.dkimDomain ? `${word} (d=${a.dkimDomain})` : word;
}

const RESULT_WORDS: Record<Lang, Record<string, string>> = {
  fr: {
    pass: 'conforme',
    fail: 'échec',
    softfail: 'échec léger',
    neutral: 'neutre',
    none: 'aucun enregistrement',
    temperror: 'erreur DNS',
    permerror: 'enregistrement invalide',
  },
  en: {
    pass: 'pass',
    fail: 'fail',
    softfail: 'soft fail',
    neutral: 'neutral',
    none: 'no record',
    temperror: 'DNS error',
    permerror: 'invalid record',
  },
};

const REASON_WORDS: Record<Lang, Record<UncheckableReason, string>> = {
  fr: {
    'no-received-ip': 'aucune adresse IP d’envoi dans les en-têtes',
    'unbracketed-hop': 'relais de réception au format non reconnu',
    'internal-hop': 'dernier relais interne au fournisseur',
    'no-helo': 'nom HELO absent',
    'no-return-path': 'pas de Return-Path',
    'spf-not-checkable': 'SPF non vérifiable et aucune signature DKIM alignée',
    'no-author-domain': 'expéditeur sans domaine',
    'multiple-author-domains': 'plusieurs domaines d’expéditeur',
    'invalid-author-domain': 'domaine d’expéditeur invalide',
    'multiple-from-fields': 'plusieurs champs From',
  },
  en: {
    'no-received-ip': 'no sending IP in the headers',
    'unbracketed-hop': 'receiving hops in a format not recognised',
    'internal-hop': 'last hop internal to the provider',
    'no-helo': 'no HELO name',
    'no-return-path': 'no Return-Path',
    'spf-not-checkable': 'SPF not checkable and no aligned DKIM signature',
    'no-author-domain': 'sender without a domain',
    'multiple-author-domains': 'several sender domains',
    'invalid-author-domain': 'invalid sender domain',
    'multiple-from-fields': 'several From fields',
  },
};

function resultWord(result: string | null, reason: string | null, lang: Lang): string {
  if (result) return RESULT_WORDS[lang][result] ?? result;
  const why = REASON_WORDS[lang][reason as UncheckableReason] ?? reason ?? '';
  const word = lang === 'fr' ? 'non vérifiable' : 'not checkable';
  return why ? `${word} (${why})` : word;
}

/** « SPF conforme ; DMARC échec (p=reject) », for the table of messages. */
export function spfDmarcStatus(m: BundledMessage, lang: Lang): string {
  const c = m.authentication?.spfDmarc;
  if (!c) return lang === 'fr' ? 'non vérifiés' : 'not checked';
  const policy = c.dmarcPolicy ? ` (p=${c.dmarcPolicy})` : '';
  const sep = lang === 'fr' ? ' ; ' : '; ';
  return `SPF ${resultWord(c.spf, c.spfReason, lang)}${sep}DMARC ${resultWord(c.dmarc, c.dmarcReason, lang)}${policy}`;
}

/** Whose results are whose, said once under the table. */
export function authenticationNote(lang: Lang): string {
  return lang === 'fr'
    ? 'DKIM : vérifié par Inbox Guard à la réception, avec la clé publiée alors (conservée, la vérification se refait hors ligne). SPF/DMARC : vérifiés par Inbox Guard à partir de l’adresse IP, du nom HELO et du Return-Path notés par le serveur de réception, selon le DNS du jour de la vérification. Les résultats inscrits par le serveur de réception lui-même à l’arrivée, selon le DNS de ce jour-là, sont joints tels quels dans authentication/.'
    : 'DKIM: verified by Inbox Guard at receipt, with the key published then (kept: the check can be repeated offline). SPF/DMARC: checked by Inbox Guard from the IP address, HELO name and Return-Path the receiving server recorded, against DNS as it was on the day of the check. The receiving server’s own results, written when it took the message against DNS of that day, are included as received in authentication/.';
}

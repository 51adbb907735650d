/**
 * Legal flags: hints, with their reason, that a marketing message may break a
 * rule from docs/legal.md (CPCE L.34-5, CNIL doctrine, GDPR Art. 21). They are
 * never verdicts of law; the UI says so.
 */
import { parseDate, type Features } from './features.js';
import type { AdvertiserInfo, Identity, LegalFlag, Verdict } from './types.js';

export interface LegalInput {
  verdict: Verdict;
  unsolicited: boolean;
  f: Features;
  advertiser: AdvertiserInfo | null;
  identity: Identity | null;
  nominative: boolean;
  subscribed: boolean;
  unrelatedToJob?: ReadonlySet<string>;
  objections?: ReadonlyMap<string, string>;
}

const DAY = 24 * 3600 * 1000;

export function legalFlags(input: LegalInput): LegalFlag[] {
  const { verdict, f, advertiser, identity } = input;
  if (verdict !== 'newsletter' && verdict !== 'cold_prospecting') return [];
  const flags: LegalFlag[] = [];
  if (!f.listUnsubscribe && !f.unsubscribeText) flags.push(NO_OPT_OUT);
  if (!advertiser || !advertiser.aligned) flags.push(ADVERTISER_HIDDEN);
  if (input.unsolicited && identity?.kind === 'personal' && !input.subscribed)
    flags.push(PERSONAL_NO_CONSENT);
  if (input.unsolicited && identity?.kind === 'professional' && input.nominative) {
    flags.push(professionalFlag(advertiser, input.unrelatedToJob));
  }
  const objection = advertiser ? input.objections?.get(advertiser.domain) : undefined;
  const received = objection ? parseDate(f.dateHeader) : null;
  if (objection && received !== null) {
    const objectedAt = Date.parse(objection);
    if (Number.isFinite(objectedAt) && received > objectedAt) {
      const days = String(Math.floor((received - objectedAt) / DAY));
      flags.push({
        code: 'after_objection',
        en: `received ${days} days after your objection of ${objection.slice(0, 10)} (GDPR Art. 21(3))`,
        fr: `reçu ${days} jours après votre opposition du ${objection.slice(0, 10)} (RGPD art. 21(3))`,
      });
    }
  }
  return flags;
}

function professionalFlag(
  advertiser: AdvertiserInfo | null,
  unrelated?: ReadonlySet<string>,
): LegalFlag {
  return advertiser && unrelated?.has(advertiser.domain)
    ? PROFESSIONAL_UNRELATED
    : PROFESSIONAL_NOMINATIVE;
}

// The fixed flags are shared by every message that raises them (frozen: read-only).
const NO_OPT_OUT: LegalFlag = Object.freeze({
  code: 'no_opt_out',
  en: 'no way to object or unsubscribe in the message (CPCE L.34-5)',
  fr: 'aucun moyen de s’opposer ou de se désinscrire dans le message (CPCE L.34-5)',
});
const ADVERTISER_HIDDEN: LegalFlag = Object.freeze({
  code: 'advertiser_hidden',
  en: 'advertiser identity unverifiable: the From domain is not aligned with any DKIM signature',
  fr: 'identité de l’annonceur invérifiable : le domaine d’expédition n’est couvert par aucune signature DKIM',
});
const PERSONAL_NO_CONSENT: LegalFlag = Object.freeze({
  code: 'personal_no_consent',
  en: 'marketing to a personal address with no sign of prior consent (CPCE L.34-5)',
  fr: 'prospection vers une adresse personnelle sans trace de consentement préalable (CPCE L.34-5)',
});
const PROFESSIONAL_UNRELATED: LegalFlag = Object.freeze({
  code: 'professional_unrelated',
  en: 'marketing to your named work address for an offer you marked unrelated to your job (CNIL)',
  fr: 'prospection vers votre adresse professionnelle nominative pour une offre sans rapport avec votre métier (CNIL)',
});
const PROFESSIONAL_NOMINATIVE: LegalFlag = Object.freeze({
  code: 'professional_nominative',
  en: 'marketing to a named work address: allowed without consent only if related to your job, with an opt-out (CNIL)',
  fr: 'prospection vers une adresse professionnelle nominative : admise sans consentement seulement si elle concerne votre métier et permet de s’opposer (CNIL)',
});

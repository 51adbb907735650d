/**
 * Puts the features the learned model weighed most into words, in English
 * and French. The store keeps a signal's code and parameters, not its
 * sentences: the parameter is the list of features ("n:list_unsubscribe|w:offre
 * speciale|k:router:mailchimp"), worded here each time it is shown.
 */
import { findRouter } from '../routers/index.js';
import { NAMED_FEATURES } from './vocabulary.js';

type Lang = 'en' | 'fr';

const NAMED_WORDS: ReadonlyMap<string, { en: string; fr: string }> = new Map(
  NAMED_FEATURES.map(([key, en, fr]) => [key, { en, fr }]),
);

/** "a List-Unsubscribe header, the words “offer”, the platform Mailchimp". */
export function describeModelFeatures(list: string, lang: Lang): string {
  const parts = list
    .split('|')
    .filter((item) => item !== '')
    .map((item) => describeOne(item, lang));
  return parts.join(', ');
}

function describeOne(item: string, lang: Lang): string {
  const kind = item.slice(0, 2);
  const value = item.slice(2);
  if (kind === 'n:') {
    const words = NAMED_WORDS.get(value);
    if (words) return words[lang];
  }
  if (kind === 'w:') return lang === 'fr' ? `les mots « ${value} »` : `the words “${value}”`;
  if (kind === 'k:') return describeKey(value, lang);
  return item;
}

function describeKey(key: string, lang: Lang): string {
  const colon = key.indexOf(':');
  const name = key.slice(0, colon);
  const value = key.slice(colon + 1);
  if (name === 'router') {
    const platform = findRouter(value)?.name ?? value;
    return lang === 'fr' ? `la plateforme ${platform}` : `the platform ${platform}`;
  }
  if (name === 'mailer')
    return lang === 'fr' ? `le logiciel d’envoi « ${value} »` : `the mail program “${value}”`;
  if (name === 'link')
    return lang === 'fr' ? `un lien contenant « ${value} »` : `a link with “${value}”`;
  if (name === 'tld')
    return lang === 'fr' ? `un expéditeur en .${value}` : `a sender under .${value}`;
  return key;
}

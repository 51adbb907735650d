/**
 * Facts about a message that shape the labelled corpus but not the mail a
 * user receives: its language (the corpus's French mail is nearly all spam;
 * a French user's is not). They join the features during training only, with
 * a light penalty, so they absorb the corpus's own mix of languages and
 * classes instead of every French word learning "spam". The model file keeps
 * only the reference language's weights, folded into the biases: every
 * message, French or not, gets the prior of the corpus's English mail.
 */
import { forEachWord, modelText, wordHash } from '../electron/detect/model/text.js';
import type { MessageInput } from '../electron/detect/index.js';

function hashes(words: string): ReadonlySet<number> {
  return new Set(words.split(' ').map(wordHash));
}

const FRENCH = hashes(
  'le la les des est et pour vous nous une dans sur avec pas qui que du au aux votre vos ce cette sont',
);
const ENGLISH = hashes(
  'the and to of you is for with your this that are on it be we our from have',
);

export const LANGUAGES = ['fr', 'en', 'other'] as const;
export const CONFOUNDER_COUNT = LANGUAGES.length;
/** The language whose prior every message gets in the app. */
export const REFERENCE_LANGUAGE = LANGUAGES.indexOf('en');

/** The message's language from its commonest words: French, English or another. */
export function languageIndex(input: MessageInput, subject: string): number {
  let fr = 0;
  let en = 0;
  const count = (hash: number) => {
    if (FRENCH.has(hash)) fr++;
    else if (ENGLISH.has(hash)) en++;
  };
  forEachWord(subject, count);
  forEachWord(modelText(input.body), count);
  if (fr + en < 3) return 2;
  return fr > en ? 0 : 1;
}

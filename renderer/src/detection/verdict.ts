/** What the UI needs to show the core's detection: labels, scores, sentences. */
import { VERDICTS, type Signal, type Verdict } from '../../../shared/types.js';
import { frenchSpacing } from '../i18n/typography.js';

export { VERDICTS };

/** The list's filter: everything, the unsolicited mail, or one verdict. */
export type MessageFilter = 'all' | 'unsolicited' | Exclude<Verdict, 'unknown'>;

/** Everything, the unsolicited mail, then every verdict but "unknown", in the verdicts' order. */
export const FILTERS: readonly MessageFilter[] = [
  'all',
  'unsolicited',
  ...VERDICTS.filter((verdict): verdict is MessageFilter & Verdict => verdict !== 'unknown'),
];

/** The messages.list parameters a filter stands for. */
export function filterInput(filter: MessageFilter): { verdict?: Verdict; unsolicited?: boolean } {
  if (filter === 'all') return {};
  if (filter === 'unsolicited') return { unsolicited: true };
  return { verdict: filter };
}

/** "0,87" in French, "0.87" in English: a certainty the way the language writes it. */
export function formatScore(score: number, language: string): string {
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(score);
}

/**
 * A sentence the core wrote in both languages, in the UI's. The core's
 * French uses straight apostrophes and ordinary spaces; French typography
 * is applied here as it is to the UI's own strings.
 */
export function signalText(signal: Signal, language: string): string {
  if (language !== 'fr') return signal.en;
  return frenchSpacing(signal.fr.replace(/(\p{L})'(?=\p{L})/gu, '$1’'));
}

/**
 * Whether the sender's organisation reads as an advertiser: not for a
 * colleague's or a friend's mail, nor a list discussion.
 */
export function showsAdvertiser(verdict: Verdict | null): boolean {
  return verdict !== 'personal' && verdict !== 'list_discussion';
}

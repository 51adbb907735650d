/**
 * The learned model beside the explainable rules. Where the rules are not
 * certain (classify.ts says where they are), the model's calibrated
 * probabilities choose the verdict, within what the relationship allows
 * (someone the user wrote to is never a prospector nor a spammer), the
 * per-user token model shifting them as it shifts the rules' points; the
 * score is the model's probability for the verdict (for an unwanted one, of
 * any unwanted kind), and the "Why" panel names the features that weighed
 * most. Where the rules are certain, the model may only vouch for their score.
 */
import { messageSignal } from '../signals.js';
import type { Signal, Verdict } from '../types.js';
import { MAX_SCORE, type VerdictResult } from '../verdict.js';
import {
  CLASS_COUNT,
  featureToken,
  MODEL_CLASSES,
  type LearnedModel,
  type ModelClass,
} from './scorer.js';
import { isShownWords } from './shown-words.js';
import type { FeatureVector } from './vector.js';
import { NAMED_FEATURES } from './vocabulary.js';

export interface ModelDecisionInput {
  /** The rules' verdict (the caller keeps it where the rules are certain). */
  rules: VerdictResult;
  /** Verdicts the relationship rules out. */
  excluded: ReadonlySet<Verdict>;
  /** Log-odds of the per-user token model (positive: unwanted), or null. */
  tokenLogOdds: number | null;
  vector: FeatureVector;
  model: LearnedModel;
  /**
   * For the model that read the headers alone: rules act from the body
   * model's threshold (`acting`), and this model keeps the same precision
   * only from its own, higher one (`own`); between the two, its score is
   * held just below `acting`, so that no rule acts on it at its default.
   */
  hold?: { acting: number; own: number };
}

/** Features named in the "Why" panel. */
const SHOWN_FEATURES = 3;
/** Signals of the rules shown whatever the verdict: they are about the user's own data. */
const CONTEXT_CODES: ReadonlySet<string> = new Set([
  'unauthenticated_contact',
  'unwanted_sender',
  'wanted_sender',
  'token_unwanted',
  'token_wanted',
]);

/**
 * The rules' own verdict is a feature the model weighs, but not evidence to
 * show: the panel names what is in the message (the rules' signals show too).
 */
const RULES_FEATURES: ReadonlySet<number> = new Set(
  NAMED_FEATURES.flatMap(([key], index) => (key.startsWith('rules_') ? [index] : [])),
);

const NEWSLETTER = MODEL_CLASSES.indexOf('newsletter');
const COLD = MODEL_CLASSES.indexOf('cold_prospecting');
const PERSONAL = MODEL_CLASSES.indexOf('personal');
const UNWANTED = [NEWSLETTER, COLD, MODEL_CLASSES.indexOf('spam')];

export function decideWithModel(input: ModelDecisionInput): VerdictResult {
  const { rules, vector, model } = input;
  const p = model.probabilities(vector, tokenShift(input.tokenLogOdds));
  let total = 0;
  for (let c = 0; c < CLASS_COUNT; c++) {
    if (input.excluded.has(MODEL_CLASSES[c]!)) p[c] = 0;
    total += p[c]!;
  }
  let best = 0;
  for (let c = 1; c < CLASS_COUNT; c++) if (p[c]! > p[best]!) best = c;
  best = ruledKindWhenNearlyTied(best, p, rules.verdict, input.excluded);
  const verdict = MODEL_CLASSES[best]!;
  // An unwanted verdict's score is how sure the model is that the mail is unwanted, whichever
  // kind: what filing or deleting it risks (a spam read as a newsletter loses nothing). What the
  // rules excluded takes its share away and gives it to no one: an exclusion (a list whose content
  // the rules found unwanted) must not make acting look safer than the model found it.
  const unwanted = UNWANTED.includes(best);
  const sure = unwanted ? UNWANTED.reduce((sum, c) => sum + p[c]!, 0) : p[best]!;
  const probability = held(
    Math.min(MAX_SCORE, unwanted ? sure : total > 0 ? sure / total : 0),
    input.hold,
  );
  const signals: Signal[] = [learnedSignal(vector, model, best, probability)];
  for (const s of rules.signals)
    if (rules.verdict === verdict || CONTEXT_CODES.has(s.code)) signals.push(s);
  return {
    verdict,
    score: Math.round(probability * 100) / 100,
    signals,
    solicited: rules.solicited,
  };
}

function held(probability: number, hold: ModelDecisionInput['hold']): number {
  if (hold === undefined || probability < hold.acting || probability >= hold.own)
    return probability;
  return Math.max(0, Math.round((hold.acting - 0.01) * 100) / 100);
}

/**
 * Between two kinds of unwanted mail the model nearly ties on (marketing or
 * spam, for a small shop's promotion), the rules' kind stands: their reasons
 * can be shown, and a promotion keeps its advertiser (a spam has none). The
 * margin was chosen on the SpamAssassin messages' held-out folds (0.1 to 0.3
 * tried; 0.1 the only one that did not lower their 6-class accuracy).
 */
const KIND_TIE_MARGIN = 0.1;

function ruledKindWhenNearlyTied(
  best: number,
  p: readonly number[],
  ruled: Verdict,
  excluded: ReadonlySet<Verdict>,
): number {
  const ruledClass = MODEL_CLASSES.indexOf(ruled as ModelClass);
  if (ruledClass === -1 || ruledClass === best || excluded.has(ruled)) return best;
  if (!UNWANTED.includes(best) || !UNWANTED.includes(ruledClass)) return best;
  return p[ruledClass]! >= p[best]! - KIND_TIE_MARGIN ? ruledClass : best;
}

/**
 * A verdict the rules are certain of keeps their verdict and reasons; when
 * the model (shifted by the user's token model, as above) is surer that the
 * mail is unwanted, the score says so and the "Why" panel says why (the
 * rules' points are not probabilities: a certain pitch may score 0.6).
 */
export function confirmWithModel(
  rules: VerdictResult,
  tokenLogOdds: number | null,
  vector: FeatureVector,
  model: LearnedModel,
): VerdictResult {
  const p = model.probabilities(vector, tokenShift(tokenLogOdds));
  const unwanted = Math.min(
    MAX_SCORE,
    UNWANTED.reduce((sum, c) => sum + p[c]!, 0),
  );
  if (unwanted <= rules.score) return rules;
  const verdictClass = MODEL_CLASSES.indexOf(rules.verdict as ModelClass);
  return {
    ...rules,
    score: Math.round(unwanted * 100) / 100,
    signals: [...rules.signals, learnedSignal(vector, model, verdictClass, unwanted)],
  };
}

/**
 * The token model's opinion as the rules take it (clamped, × 0.7), moved to
 * the logits: towards marketing and prospecting, away from personal mail,
 * or the other way round.
 */
function tokenShift(odds: number | null): number[] | undefined {
  if (odds === null || Math.abs(odds) < 1) return undefined;
  const shift = Math.max(-3, Math.min(3, odds)) * 0.7;
  const out = new Array<number>(CLASS_COUNT).fill(0);
  out[NEWSLETTER] = shift > 0 ? shift : shift / 2;
  out[COLD] = out[NEWSLETTER]!;
  out[PERSONAL] = shift > 0 ? -shift / 2 : -shift;
  return out;
}

function learnedSignal(
  vector: FeatureVector,
  model: LearnedModel,
  classIndex: number,
  probability: number,
): Signal {
  // A few more than shown, so that words saying nothing alone ("the", "your") give their place.
  const features = model
    .strongestFor(vector, classIndex, SHOWN_FEATURES * 4, RULES_FEATURES)
    .map((c) => featureToken(vector, c.position))
    .filter((token) => !token.startsWith('w:') || isShownWords(token.slice(2)))
    .slice(0, SHOWN_FEATURES)
    .join('|');
  return messageSignal('learned_model', {
    percent: String(Math.round(probability * 100)),
    features,
  });
}

/**
 * The score of a verdict the learned model chose: for an unwanted verdict,
 * the model's probability that the mail is unwanted, whatever kind; what the
 * rules excluded (a list whose content they found unwanted, a relationship)
 * takes its share away and never makes acting look safer than the model found it.
 */
import { describe, expect, it } from 'vitest';
import { confirmWithModel, decideWithModel } from '../../electron/detect/model/combine.js';
import { CLASS_COUNT, LearnedModel, MODEL_CLASSES } from '../../electron/detect/model/scorer.js';
import { FEATURE_COUNT, FeatureVector } from '../../electron/detect/model/vector.js';
import type { Verdict } from '../../electron/detect/types.js';

/** A model that reads no feature: its probabilities are the softmax of these. */
function modelOf(probabilities: Partial<Record<Verdict, number>>): LearnedModel {
  const bias = MODEL_CLASSES.map((c) => Math.log(probabilities[c] ?? 1e-9));
  return new LearnedModel(new Float64Array(FEATURE_COUNT * CLASS_COUNT), bias, 1, 0.95);
}

function decide(model: LearnedModel, excluded: Verdict[]) {
  return decideWithModel({
    rules: { verdict: 'newsletter', score: 0.6, signals: [], solicited: false },
    excluded: new Set(excluded),
    tokenLogOdds: null,
    vector: new FeatureVector('', ''),
    model,
  });
}

describe('the score of a learned verdict', () => {
  // A promotion a discussion list delivered: the model hesitates between the list and the content.
  const hesitant = modelOf({ list_discussion: 0.3, newsletter: 0.5, spam: 0.2 });

  it('is the probability of any unwanted kind, not of the top one alone', () => {
    const result = decide(hesitant, []);
    expect(result.verdict).toBe('newsletter');
    expect(result.score).toBe(0.7);
  });

  it('does not rise when the rules exclude list discussion', () => {
    const result = decide(hesitant, ['list_discussion']);
    expect(result.verdict).toBe('newsletter');
    // Renormalised over what is left it would read 1.00 (0.99): certain enough to delete.
    expect(result.score).toBe(0.7);
  });

  it('falls when the relationship excludes a kind of unwanted mail', () => {
    const result = decide(modelOf({ spam: 0.5, newsletter: 0.3, personal: 0.2 }), ['spam']);
    expect(result.verdict).toBe('newsletter');
    expect(result.score).toBe(0.3);
  });

  it('keeps a wanted verdict scored among the verdicts left', () => {
    const result = decide(modelOf({ cold_prospecting: 0.5, personal: 0.3, transactional: 0.2 }), [
      'cold_prospecting',
    ]);
    expect(result.verdict).toBe('personal');
    expect(result.score).toBe(0.6);
  });
});

describe('the score of a verdict the rules are certain of', () => {
  const pitch = {
    verdict: 'cold_prospecting' as const,
    score: 0.65,
    signals: [{ code: 'sales_wording', params: {} }],
    solicited: false,
  };

  it('rises to the model’s probability of unwanted mail, the rules’ verdict and reasons kept', () => {
    const sure = modelOf({ newsletter: 0.6, cold_prospecting: 0.37, personal: 0.03 });
    const result = confirmWithModel(pitch, null, new FeatureVector('', ''), sure);
    expect(result.verdict).toBe('cold_prospecting');
    expect(result.score).toBe(0.97);
    // The "Why" panel names where the score comes from, after the rules' own reasons.
    expect(result.signals.map((s) => s.code)).toEqual(['sales_wording', 'learned_model']);
    expect(result.signals[1]!.params?.percent).toBe('97');
  });

  it('follows the user’s corrections: mail like what they kept is not vouched for', () => {
    const sure = modelOf({ newsletter: 0.6, cold_prospecting: 0.3, personal: 0.1 });
    const kept = confirmWithModel(pitch, -3, new FeatureVector('', ''), sure);
    expect(kept.score).toBeLessThan(
      confirmWithModel(pitch, null, new FeatureVector('', ''), sure).score,
    );
  });

  it('is never lowered by a model that doubts it', () => {
    const doubtful = modelOf({ personal: 0.8, cold_prospecting: 0.2 });
    expect(confirmWithModel(pitch, null, new FeatureVector('', ''), doubtful)).toBe(pitch);
  });
});

describe('a verdict read from the headers alone', () => {
  // Rules act from 0.91 (the body model's threshold); the headers model keeps that precision from 0.98.
  const hold = { acting: 0.91, own: 0.98 };
  const decideHeld = (probabilities: Partial<Record<Verdict, number>>) =>
    decideWithModel({
      rules: { verdict: 'newsletter', score: 0.6, signals: [], solicited: false },
      excluded: new Set(),
      tokenLogOdds: null,
      vector: new FeatureVector('', ''),
      model: modelOf(probabilities),
      hold,
    });

  it('stays below the rules’ threshold until it reaches the headers model’s own', () => {
    const result = decideHeld({ newsletter: 0.95, personal: 0.05 });
    expect(result.verdict).toBe('newsletter');
    expect(result.score).toBe(0.9);
    // The "Why" panel says the same figure as the score.
    expect(result.signals[0]!.params?.percent).toBe('90');
  });

  it('keeps its score at or above the headers model’s threshold, and below the rules’', () => {
    expect(decideHeld({ spam: 0.985, personal: 0.015 }).score).toBe(0.98);
    expect(decideHeld({ spam: 0.8, personal: 0.2 }).score).toBe(0.8);
  });
});

describe('the kind of unwanted mail', () => {
  // The rules read a promotion (the `decide` helper's rules say newsletter).
  it('is the rules’ when the model nearly ties between two unwanted kinds', () => {
    const result = decide(modelOf({ spam: 0.45, newsletter: 0.44, personal: 0.11 }), []);
    expect(result.verdict).toBe('newsletter');
    // Still the model's probability that the mail is unwanted, whichever kind.
    expect(result.score).toBe(0.89);
  });

  it('is the model’s when it is clearly surer', () => {
    expect(decide(modelOf({ spam: 0.6, newsletter: 0.3, personal: 0.1 }), []).verdict).toBe('spam');
  });

  it('never turns wanted mail the model chose into the rules’ unwanted kind', () => {
    const result = decide(modelOf({ transactional: 0.45, newsletter: 0.44, spam: 0.11 }), []);
    expect(result.verdict).toBe('transactional');
  });
});

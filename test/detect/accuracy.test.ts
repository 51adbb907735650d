/**
 * The explainable rules alone (no learned model) on the generated corpus:
 * precision and recall per verdict, and for unsolicited marketing
 * (newsletters and cold prospecting the user did not ask for), plus router
 * accuracy on messages sent through a listed platform. The same hands wrote
 * the generator and the rules, so this is a regression check of the rules,
 * not accuracy: accuracy is measured on real mail by cross-validation
 * (test/detect/model-cv.test.ts, `npm run train -- --cv`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyMessage, VERDICTS, type Classification } from '../../electron/detect/index.js';
import { corpusContext, loadCorpus, type CorpusEntry } from './corpus.js';

interface Scored {
  entry: CorpusEntry;
  result: Classification;
}

let scored: Scored[] = [];

beforeAll(async () => {
  const context = corpusContext();
  scored = (await loadCorpus()).map((entry) => ({
    entry,
    result: classifyMessage(entry.input, context, null),
  }));
}, 120_000);

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

const isMarketing = (verdict: string): boolean =>
  verdict === 'newsletter' || verdict === 'cold_prospecting';

describe('the rules alone on the generated corpus (a regression check, not accuracy)', () => {
  it('has at least 300 labelled messages in French and English', () => {
    expect(scored.length).toBeGreaterThanOrEqual(300);
    expect(scored.some((s) => s.entry.label.lang === 'fr')).toBe(true);
    expect(scored.some((s) => s.entry.label.lang === 'en')).toBe(true);
  });

  it('prints precision and recall per verdict', () => {
    const lines = ['verdict            precision  recall  support'];
    for (const verdict of VERDICTS) {
      const truth = scored.filter((s) => s.entry.label.verdict === verdict);
      const predicted = scored.filter((s) => s.result.verdict === verdict);
      if (truth.length === 0 && predicted.length === 0) continue;
      const hits = predicted.filter((s) => s.entry.label.verdict === verdict).length;
      lines.push(
        `${verdict.padEnd(18)} ${ratio(hits, predicted.length).toFixed(3).padStart(9)}  ${ratio(hits, truth.length).toFixed(3).padStart(6)}  ${String(truth.length).padStart(7)}`,
      );
    }
    const misses = scored.filter((s) => s.result.verdict !== s.entry.label.verdict);
    for (const miss of misses)
      lines.push(
        `  miss: ${miss.entry.file}: ${miss.entry.label.verdict} -> ${miss.result.verdict}`,
      );
    console.log(lines.join('\n'));
    expect(misses.length).toBeLessThan(scored.length * 0.05);
  });

  it('finds unsolicited marketing with precision >= 0.98 and recall >= 0.95', () => {
    const truth = (s: Scored): boolean =>
      isMarketing(s.entry.label.verdict) && !s.entry.label.solicited;
    const predicted = (s: Scored): boolean => isMarketing(s.result.verdict) && s.result.unsolicited;
    const tp = scored.filter((s) => truth(s) && predicted(s)).length;
    const precision = ratio(tp, scored.filter(predicted).length);
    const recall = ratio(tp, scored.filter(truth).length);
    console.log(
      `unsolicited marketing: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${scored.filter(truth).length} messages)`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  // Router naming is measured on real mail (routers-real.test.ts): these generated
  // messages carry vendor headers without the proof a router is named from.
  it('names no router on generated mail that used none', () => {
    const wrongWhenNone = scored.filter(
      (s) => s.entry.label.router === null && s.result.router !== null,
    );
    expect(wrongWhenNone.map((s) => s.entry.file)).toEqual([]);
  });

  it('resolves the advertiser of marketing and transactional mail', () => {
    const withAdvertiser = scored.filter((s) => s.entry.label.advertiser !== null);
    const right = withAdvertiser.filter(
      (s) => s.result.advertiser?.domain === s.entry.label.advertiser,
    ).length;
    const accuracy = ratio(right, withAdvertiser.length);
    console.log(`advertiser accuracy ${accuracy.toFixed(3)} on ${withAdvertiser.length} messages`);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('never calls personal mail or list discussions unsolicited', () => {
    const wronged = scored.filter(
      (s) =>
        ['personal', 'list_discussion'].includes(s.entry.label.verdict) && s.result.unsolicited,
    );
    expect(wronged.map((s) => s.entry.file)).toEqual([]);
  });
});

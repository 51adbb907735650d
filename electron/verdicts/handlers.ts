/** The detection slice of the API: corrections, a detection run, the user's identities. */
import type { detectionCalls } from '../../shared/api/detection.js';
import type { Handlers } from '../../shared/api/define.js';
import type { CoreEvent } from '../../shared/types.js';
import type { IdentityBook } from './identities.js';
import type { CorrectionRequest, DetectionReport } from './index.js';

/** Where detection runs (the writer thread): each sends it the work and waits for its report. */
export interface DetectionRunner {
  /** Classifies what has no verdict yet (and, when asked, what detection failed on). */
  classify(options?: { retryFailed?: boolean }): Promise<DetectionReport>;
  correct(request: CorrectionRequest): Promise<DetectionReport>;
  rescoreIdentity(address: string): Promise<DetectionReport>;
}

export interface DetectionHandlerDeps {
  identities: IdentityBook;
  detection: DetectionRunner;
  emit(event: CoreEvent): void;
}

export function detectionHandlers(d: DetectionHandlerDeps): Handlers<typeof detectionCalls> {
  return {
    'messages.correct': async ({ id, decision, scope }) => {
      // On the writer thread: this one only waits, and keeps answering other calls meanwhile.
      const report = await d.detection.correct({ messageId: id, decision, scope });
      d.emit({ type: 'messages.changed', accountId: '*' });
      return { reclassified: report.classified, detectionErrors: report.failed };
    },
    'detect.run': async () => {
      const started = Date.now();
      // On the writer thread, after a run the last sync started; tries failed messages again.
      const report = await d.detection.classify({ retryFailed: true });
      return {
        classified: report.classified,
        detectionErrors: report.failed,
        durationMs: Date.now() - started,
      };
    },
    'identities.list': () => d.identities.list(),
    'identities.update': async ({ address, ...patch }) => {
      const identity = d.identities.update(address, patch);
      // Only the mail to this identity (and from its domain) can change: scored again on the writer.
      await d.detection.rescoreIdentity(identity.address);
      d.emit({ type: 'messages.changed', accountId: '*' });
      return identity;
    },
  };
}

/** The detection slice of the API: corrections, a detection run, the user's identities. */
import type { Handlers } from '../../shared/api/define.js';
import type { detectionCalls } from '../../shared/api/detection.js';
import type { CoreEvent } from '../../shared/types.js';
import { errorDataOf } from '../errors.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/db.js';
import { listIdentities, updateIdentity } from './identities.js';
import type { VerdictService } from './service.js';

export interface DetectionHandlerDeps {
  db: Database;
  verdicts: VerdictService;
  /** Classifies what has no verdict yet, on the writer thread; resolves with how many. */
  classify(): Promise<number>;
  emit(event: CoreEvent): void;
  log: Logger;
}

export function detectionHandlers(d: DetectionHandlerDeps): Handlers<typeof detectionCalls> {
  return {
    'messages.correct': async ({ id, decision, scope }) => {
      await d.verdicts.correct(id, decision, scope);
      return {
        reclassified: d.db.prepare(`SELECT COUNT(*) FROM classifications`).pluck().get() as number,
      };
    },
    'detect.run': async () => {
      const started = Date.now();
      // On the writer thread, joining a run the last sync started.
      const classified = await d.classify();
      return { classified, durationMs: Date.now() - started };
    },
    'identities.list': () => listIdentities(d.db),
    'identities.update': ({ address, ...patch }) => {
      const identity = updateIdentity(d.db, address, patch);
      void d.verdicts.reclassifyAll().then(
        () => d.emit({ type: 'messages.changed', accountId: '*' }),
        (err: unknown) => {
          d.log.error('detection after an identity change failed', err);
          const sentence = 'Detection after an identity change failed; the log has the details.';
          d.emit({
            type: 'error',
            task: 'detection',
            accountId: null,
            ...errorDataOf(err, sentence),
          });
        },
      );
      return identity;
    },
  };
}

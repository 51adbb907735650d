/**
 * The writer's detection thread: reads, parses and classifies the messages the
 * writer names, while the writer goes on storing the sync; it writes nothing.
 * It answers plain values ready to save (verdict columns, the detail as JSON),
 * which the writer saves (writer/detection-helper.ts).
 *
 * Its context (identities, relationships, decisions) is read on its own
 * read-only connection, again whenever the writer says it may have changed.
 * The delivery addresses it finds become identities at once here, before the
 * messages delivered to them are classified, as on the writer; the writer
 * stores them with the verdicts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { classifyMessage } from '../detect/index.js';
import { openDatabase } from '../store/db.js';
import {
  DETECT_SLICE,
  detectRows,
  type ClassifyFn,
  type DetectDeps,
  type Detected,
  type DetectionFailure,
} from '../verdicts/classify-chunk.js';
import { createContextCache, type DetectContextSources } from '../verdicts/context.js';
import type { IdentityRow } from '../verdicts/identities.sql.js';
import { createContextSources } from '../verdicts/stores.js';
import { createDetectionReader } from '../verdicts/verdicts.sql.js';
import type {
  DeliveryIdentity,
  DetectAnswer,
  DetectionThreadRequest,
} from './detection-protocol.js';

export interface DetectionThreadOptions {
  /** The classifier (the app's own unless a test entry passes another). */
  classify?: ClassifyFn;
}

export function runDetectionThread(options: DetectionThreadOptions = {}): void {
  const port = parentPort!;
  const { file } = workerData as { file: string };
  const db = openDatabase(file, { role: 'reader' });
  const sources = createContextSources(db);
  const reader = createDetectionReader(db);
  // Identities this thread added, until the writer has stored them and the context is read again.
  const added = new Map<string, IdentityRow>();
  const withAdded: DetectContextSources = {
    ...sources,
    identities: {
      ...sources.identities,
      rows() {
        const stored = sources.identities.rows();
        const known = new Set(stored.map((r) => r.address));
        return [...stored, ...[...added.values()].filter((r) => !known.has(r.address))];
      },
    },
  };
  const contexts = createContextCache(withAdded, () => 0);
  const classify = options.classify ?? classifyMessage;
  let epoch = 0;

  port.on('message', (req: DetectionThreadRequest) => {
    if (req.epoch !== epoch) {
      epoch = req.epoch;
      added.clear();
      contexts.invalidate();
    }
    const identities: DeliveryIdentity[] = [];
    const failures: DetectionFailure[] = [];
    const rows = req.again ? reader.byIds(req.ids) : reader.unclassifiedByIds(req.ids);
    const deps: DetectDeps = {
      contexts,
      classify,
      readEvidence: true,
      addIdentity(address, kind, firstSeen) {
        // Stored by the writer whether new or not (an account's own address has no row yet).
        identities.push({ address, kind, firstSeen });
        if (contexts.get().identities.some((i) => i.address === address)) return false;
        added.set(address, {
          address,
          kind: kind as IdentityRow['kind'],
          visibility: 'private',
          origin: 'seen',
          leaked_at: null,
          leaked_advertiser: null,
          leaked_router: null,
          leaked_message_id: null,
        });
        return true;
      },
    };
    const detected: Detected[] = [];
    for (let i = 0; i < rows.length; i += DETECT_SLICE)
      detected.push(...detectRows(rows.slice(i, i + DETECT_SLICE), deps, failures));
    port.postMessage({
      id: req.id,
      detected,
      identities,
      failures: failures.map((f) => ({
        messageId: f.messageId,
        message: f.error.message,
        stack: f.error.stack,
      })),
    } satisfies DetectAnswer);
  });
}

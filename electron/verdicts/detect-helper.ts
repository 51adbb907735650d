/**
 * The detection helper thread: scores messages the writer thread has read
 * and prepared (summary, evidence, delivery identities saved), so that
 * during a sync the writer stores the next batch while this one is scored.
 * It writes nothing: it reads detection's context on its own connection and
 * answers each message's classification, or the error it failed with. The
 * writer saves the answers, or scores the batch itself when the context
 * changed meanwhile (helper-queue.ts).
 */
import { parentPort } from 'node:worker_threads';
import { classifyMessage } from '../detect/index.js';
import type { Classification, DetectContext } from '../detect/types.js';
import { parseHeaderBlock } from '../mail-format/index.js';
import { createContextCache } from './context.js';
import type { VerdictStores } from './stores.js';

/** A prepared message: its header block (as detection reads it) and its excerpt. */
export interface HelperItem {
  id: number;
  rawHeaders: string;
  text: string | null;
  html: string | null;
}

export type HelperRequest = { id: number; generation: number; items: HelperItem[] };

export type HelperResult =
  { ok: true; classification: Classification } | { ok: false; message: string; stack?: string };

export type HelperReply =
  { ready: true } | { id: number; results: HelperResult[] } | { id: number; failure: string };

/** Answers the writer's requests; `close` closes the helper's connection. */
export function runDetectHelper(stores: VerdictStores, close: () => void): void {
  const port = parentPort!;
  const contexts = createContextCache(stores.context, stores.othersCommitted);
  let built = -1;

  port.on('message', (req: HelperRequest | 'close') => {
    if (req === 'close') {
      close();
      port.close();
      return;
    }
    try {
      // The writer's generation moved: what the context reads changed (or may have).
      if (req.generation !== built) contexts.invalidate();
      built = req.generation;
      const context = contexts.get();
      const results = req.items.map((item) => score(item, context));
      port.postMessage({ id: req.id, results } satisfies HelperReply);
    } catch (err) {
      // Reading the context failed: the writer scores the batch itself.
      port.postMessage({
        id: req.id,
        failure: err instanceof Error ? err.message : String(err),
      } satisfies HelperReply);
    }
  });
  port.postMessage({ ready: true } satisfies HelperReply);
}

function score(item: HelperItem, context: DetectContext): HelperResult {
  try {
    const body =
      item.text || item.html
        ? { text: item.text ?? undefined, html: item.html ?? undefined }
        : undefined;
    const parsed = parseHeaderBlock(item.rawHeaders);
    return {
      ok: true,
      classification: classifyMessage({ rawHeaders: item.rawHeaders, body, parsed }, context),
    };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, message: e.message, stack: e.stack };
  }
}

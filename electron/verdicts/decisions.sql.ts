/**
 * The user's decisions on senders (`sender_decisions`) and the token model
 * trained on them (`models`): what a correction writes and detection reads.
 */
import type { Decision } from '../detect/types.js';
import type { Database } from '../store/db.js';
import { writeTransaction } from '../store/transaction.js';

export interface DecisionsReader {
  /** Sender (address or domain, lowercase) → the user's decision. */
  decisions(): Array<{ sender: string; decision: Decision }>;
  /** The token model as stored (JSON); null before the first correction. */
  tokenModel(): string | null;
}

export interface DecisionsWriter {
  /** A correction: the decision on `sender` and the model it trained, in one transaction. */
  record(
    decision: { sender: string; scope: 'address' | 'domain'; decision: Decision },
    tokenModel: string,
    at: string,
  ): void;
}

export type DecisionsStore = DecisionsReader & DecisionsWriter;

/** The name the token model is stored under. */
const TOKEN_MODEL = 'tokens';

export function createDecisionsStore(db: Database): DecisionsStore {
  const decisions = db.prepare(`SELECT sender, decision FROM sender_decisions`);
  const model = db.prepare(`SELECT data FROM models WHERE name = ?`).pluck();
  const saveDecision = db.prepare(`
    INSERT INTO sender_decisions (sender, scope, decision, decided_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (sender) DO UPDATE SET decision = excluded.decision, scope = excluded.scope,
      decided_at = excluded.decided_at`);
  const saveModel = db.prepare(`
    INSERT INTO models (name, data, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`);
  return {
    decisions: () => decisions.all() as Array<{ sender: string; decision: Decision }>,
    tokenModel: () => (model.get(TOKEN_MODEL) as string | undefined) ?? null,
    record: writeTransaction(
      db,
      (
        d: { sender: string; scope: 'address' | 'domain'; decision: Decision },
        tokenModel: string,
        at: string,
      ) => {
        saveDecision.run(d.sender, d.scope, d.decision, at);
        saveModel.run(TOKEN_MODEL, tokenModel, at);
      },
    ),
  };
}

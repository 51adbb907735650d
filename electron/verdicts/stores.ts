/**
 * Every table detection reads and writes, as typed interfaces over one
 * connection (the writer thread's, in the app). Composition only: the
 * database goes no further than these factories.
 */
import { createAccountsStore } from '../accounts/accounts.sql.js';
import { createObjectionsStore } from '../objections/objections.sql.js';
import { createRelationshipsStore } from '../relationships/index.js';
import { dataVersion, type Database } from '../store/db.js';
import type { DetectContextSources } from './context.js';
import { createCorrectionsReader, type CorrectionsReader } from './corrections.sql.js';
import { createDecisionsStore, type DecisionsStore } from './decisions.sql.js';
import { createIdentitiesStore } from './identities.sql.js';
import { createDetectionStore, type DetectionStore } from './verdicts.sql.js';

export interface VerdictStores {
  detection: DetectionStore;
  corrections: CorrectionsReader;
  decisions: DecisionsStore;
  /** What detection's context (identities, relationships, decisions, objections) is built from. */
  context: DetectContextSources;
  /** Changes when another connection committed (what the context reads may have changed). */
  othersCommitted(): number;
}

export function createVerdictStores(db: Database): VerdictStores {
  const context = createContextSources(db);
  return {
    detection: createDetectionStore(db),
    corrections: createCorrectionsReader(db),
    decisions: context.decisions,
    context,
    othersCommitted: () => dataVersion(db),
  };
}

/** What detection's context is read from (the detection thread's read-only connection needs no more). */
export function createContextSources(
  db: Database,
): DetectContextSources & { decisions: DecisionsStore } {
  return {
    accounts: createAccountsStore(db),
    identities: createIdentitiesStore(db),
    relationships: createRelationshipsStore(db),
    decisions: createDecisionsStore(db),
    objections: createObjectionsStore(db),
  };
}

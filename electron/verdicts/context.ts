/**
 * Builds what detection needs from the store: the user's identities, the
 * relationship index, the organisation's own domains, the user's decisions,
 * the token model trained on them, and the objections the user sent (for the
 * "after objection" legal flag).
 */
import { defaultIdentityKind, TokenModel } from '../detect/index.js';
import { registrableDomain } from '../mail-format/index.js';
import { isFreemail } from '../mail-format/index.js';
import type { Decision, DetectContext, Identity, SenderDecisions } from '../detect/types.js';
import type { Database } from '../store/db.js';
import { createRelationshipsStore, loadRelationshipIndex } from '../relationships/index.js';
import { createObjectionsStore } from '../objections/objections.sql.js';

export const TOKEN_MODEL = 'tokens';

export function loadIdentities(db: Database): Identity[] {
  const accountEmails = db
    .prepare(`SELECT DISTINCT lower(email) FROM accounts WHERE email != ''`)
    .pluck()
    .all() as string[];
  const rows = db.prepare(`SELECT address, kind, visibility FROM identities`).all() as Identity[];
  const known = new Map(rows.map((r) => [r.address, r]));
  for (const email of accountEmails) {
    if (!known.has(email))
      known.set(email, { address: email, kind: defaultIdentityKind(email), visibility: 'private' });
  }
  return [...known.values()];
}

export function loadTokenModel(db: Database): TokenModel {
  const row = db.prepare(`SELECT data FROM models WHERE name = ?`).get(TOKEN_MODEL) as
    { data: string } | undefined;
  return row ? TokenModel.fromJSON(row.data) : new TokenModel();
}

export function loadDecisions(db: Database): SenderDecisions {
  const rows = db.prepare(`SELECT sender, decision FROM sender_decisions`).all() as Array<{
    sender: string;
    decision: Decision;
  }>;
  const map = new Map(rows.map((r) => [r.sender, r.decision]));
  return {
    decisionFor: (address, domain) =>
      map.get(address.toLowerCase()) ?? (domain ? map.get(domain) : undefined) ?? null,
  };
}

export function buildDetectContext(db: Database): DetectContext {
  const identities = loadIdentities(db);
  const ownDomains = new Set<string>();
  for (const identity of identities) {
    const host = identity.address.split('@')[1] ?? '';
    const domain = registrableDomain(host);
    if (identity.kind === 'professional' && domain && !isFreemail(host)) ownDomains.add(domain);
  }
  return {
    identities,
    relationship: loadRelationshipIndex(createRelationshipsStore(db)),
    ownDomains: [...ownDomains],
    decisions: loadDecisions(db),
    tokenModel: loadTokenModel(db),
    objections: createObjectionsStore(db).firstObjectionDates(),
  };
}

/** The context detection runs with, built again after anything it reads has changed. */
export interface DetectContextCache {
  get(): DetectContext;
  /** A decision, the token model, an identity or the relationships changed. */
  invalidate(): void;
}

export function createContextCache(db: Database): DetectContextCache {
  let context: DetectContext | null = null;
  return {
    get: () => (context ??= buildDetectContext(db)),
    invalidate: () => {
      context = null;
    },
  };
}

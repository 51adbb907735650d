/**
 * Builds what detection needs from the store: the user's identities, the
 * relationship index, the organisation's own domains, the user's decisions,
 * the token model trained on them, and the objections the user sent (for the
 * "after objection" legal flag).
 */
import type { AccountsReader } from '../accounts/accounts.sql.js';
import { defaultIdentityKind, TokenModel } from '../detect/index.js';
import type { DetectContext, Identity, SenderDecisions } from '../detect/types.js';
import { isFreemail, registrableDomain } from '../mail-format/index.js';
import type { ObjectionsReader } from '../objections/objections.sql.js';
import { loadRelationshipIndex, type RelationshipsReader } from '../relationships/index.js';
import type { DecisionsReader } from './decisions.sql.js';
import type { IdentitiesReader } from './identities.sql.js';

/** The tables detection's context is read from. */
export interface DetectContextSources {
  accounts: Pick<AccountsReader, 'emails'>;
  identities: IdentitiesReader;
  relationships: RelationshipsReader;
  decisions: DecisionsReader;
  objections: ObjectionsReader;
}

/** The user's identities: those classified or seen, and every account's own address. */
export function loadIdentities(
  s: Pick<DetectContextSources, 'accounts' | 'identities'>,
): Identity[] {
  const known = new Map<string, Identity>(
    s.identities
      .rows()
      .map(({ address, kind, visibility }) => [address, { address, kind, visibility }]),
  );
  for (const email of s.accounts.emails()) {
    if (!known.has(email))
      known.set(email, { address: email, kind: defaultIdentityKind(email), visibility: 'private' });
  }
  return [...known.values()];
}

export function loadTokenModel(decisions: DecisionsReader): TokenModel {
  const json = decisions.tokenModel();
  return json ? TokenModel.fromJSON(json) : new TokenModel();
}

export function loadDecisions(decisions: DecisionsReader): SenderDecisions {
  const map = new Map(decisions.decisions().map((r) => [r.sender, r.decision]));
  return {
    decisionFor: (address, domain) =>
      map.get(address.toLowerCase()) ?? (domain ? map.get(domain) : undefined) ?? null,
  };
}

export function buildDetectContext(s: DetectContextSources): DetectContext {
  const identities = loadIdentities(s);
  const ownDomains = new Set<string>();
  for (const identity of identities) {
    const host = identity.address.split('@')[1] ?? '';
    const domain = registrableDomain(host);
    if (identity.kind === 'professional' && domain && !isFreemail(host)) ownDomains.add(domain);
  }
  return {
    identities,
    relationship: loadRelationshipIndex(s.relationships),
    ownDomains: [...ownDomains],
    decisions: loadDecisions(s.decisions),
    tokenModel: loadTokenModel(s.decisions),
    objections: s.objections.firstObjectionDates(),
  };
}

/** The context detection runs with, built again after anything it reads has changed. */
export interface DetectContextCache {
  get(): DetectContext;
  /** A decision, the token model, an identity or the relationships changed. */
  invalidate(): void;
  /** Only the decisions and the token model changed (a correction made on this connection). */
  decisionsChanged(): void;
  /**
   * Built again on the next get() if another connection committed since it was built (an
   * account, an identity, an objection, an import's relationships); what this connection
   * changes is invalidated by whoever changes it.
   */
  refresh(): void;
}

/** `othersCommitted`: changes when another connection commits (store/db.ts dataVersion). */
export function createContextCache(
  s: DetectContextSources,
  othersCommitted: () => number,
): DetectContextCache {
  let context: DetectContext | null = null;
  let builtAt = 0;
  return {
    get: () => {
      if (context) return context;
      builtAt = othersCommitted();
      return (context = buildDetectContext(s));
    },
    invalidate: () => {
      context = null;
    },
    decisionsChanged: () => {
      // The rest (the relationship index above all) is kept: reading it again cost a
      // correction on a 100,000-message store about a sixth of its time.
      if (context)
        context = {
          ...context,
          decisions: loadDecisions(s.decisions),
          tokenModel: loadTokenModel(s.decisions),
        };
    },
    refresh: () => {
      if (context && othersCommitted() !== builtAt) context = null;
    },
  };
}

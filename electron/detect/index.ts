/**
 * Detection: verdict, router, advertiser and identity for every message, from
 * the stored header block (and an optional body excerpt). Pure TypeScript,
 * runs in plain Node; the store supplies the lookups in `DetectContext`.
 */
export { classifyMessage, tokensForCorrection } from './classify.js';
export { createMemoryContext, InMemoryDecisions, InMemoryRelationship } from './memory.js';
export type { MemoryContextOptions } from './memory.js';
export { TokenModel, messageTokens } from './tokens.js';
export type { TokenModelData } from './tokens.js';
export { ROUTERS, findRouter } from './routers/index.js';
export type { RouterEntry, RouterKind } from './routers/index.js';
export { canonicalAddress, defaultIdentityKind, isNominativeAddress } from './identity.js';

export { SIGNAL_CODES, wordedSignal } from './signals.js';
export { VERDICTS } from './types.js';
export type {
  AdvertiserInfo,
  Classification,
  Decision,
  DetectContext,
  Identity,
  IdentityKind,
  IdentityVisibility,
  LegalFlag,
  MessageInput,
  RelationshipLookup,
  RouterInfo,
  SenderDecisions,
  Signal,
  TokenScorer,
  WordedSignal,
  Verdict,
} from './types.js';

/**
 * In-memory implementations of the lookups detection needs, for tests and the
 * CLI. The store provides the same interfaces backed by SQLite.
 */
import { registrableDomain } from '../mail-format/index.js';
import { canonicalAddress, defaultIdentityKind } from './identity.js';
import type {
  Decision,
  DetectContext,
  Identity,
  RelationshipLookup,
  SenderDecisions,
  TokenScorer,
} from './types.js';

export class InMemoryRelationship implements RelationshipLookup {
  private readonly addresses = new Set<string>();
  private readonly domains = new Set<string>();
  private readonly sentIds = new Set<string>();
  private readonly subscriptions = new Set<string>();
  private readonly customerOf = new Set<string>();

  constructor(
    init: {
      writtenTo?: string[];
      sentMessageIds?: string[];
      subscriptions?: string[];
      customerOf?: string[];
    } = {},
  ) {
    for (const address of init.writtenTo ?? []) this.addWrittenTo(address);
    for (const id of init.sentMessageIds ?? []) this.sentIds.add(stripAngles(id));
    for (const domain of init.subscriptions ?? []) this.subscriptions.add(domain.toLowerCase());
    for (const domain of init.customerOf ?? []) this.customerOf.add(domain.toLowerCase());
  }

  addWrittenTo(address: string): void {
    const { canonical } = canonicalAddress(address);
    this.addresses.add(canonical);
    const domain = registrableDomain(canonical.split('@')[1] ?? '');
    if (domain) this.domains.add(domain);
  }

  addSentMessageId(id: string): void {
    this.sentIds.add(stripAngles(id));
  }

  hasWrittenTo(address: string): boolean {
    return this.addresses.has(canonicalAddress(address).canonical);
  }

  hasWrittenToDomain(domain: string): boolean {
    return this.domains.has(registrableDomain(domain) ?? domain.toLowerCase());
  }

  isReplyToOwnMessage(messageIds: string[]): boolean {
    return messageIds.some((id) => this.sentIds.has(stripAngles(id)));
  }

  hasConfirmedSubscription(domain: string): boolean {
    return this.subscriptions.has(registrableDomain(domain) ?? domain.toLowerCase());
  }

  isCustomerOf(domain: string): boolean {
    return this.customerOf.has(registrableDomain(domain) ?? domain.toLowerCase());
  }
}

function stripAngles(id: string): string {
  return id.trim().replace(/^</, '').replace(/>$/, '');
}

export class InMemoryDecisions implements SenderDecisions {
  private readonly byKey = new Map<string, Decision>();

  constructor(init: Record<string, Decision> = {}) {
    for (const [key, decision] of Object.entries(init)) this.set(key, decision);
  }

  /** Key is an address ("a@b.fr") or a domain ("b.fr"). */
  set(key: string, decision: Decision): void {
    this.byKey.set(
      key.includes('@') ? canonicalAddress(key).canonical : key.toLowerCase(),
      decision,
    );
  }

  decisionFor(address: string, domain: string | null): Decision | null {
    const byAddress = address ? this.byKey.get(canonicalAddress(address).canonical) : undefined;
    if (byAddress) return byAddress;
    return domain ? (this.byKey.get(domain.toLowerCase()) ?? null) : null;
  }
}

export interface MemoryContextOptions {
  identities?: Array<Identity | string>;
  writtenTo?: string[];
  sentMessageIds?: string[];
  subscriptions?: string[];
  /** Domains the user is a customer of (order, receipt or account mail came from them). */
  customerOf?: string[];
  ownDomains?: string[];
  decisions?: Record<string, Decision>;
  tokenModel?: TokenScorer | null;
  receivingDomains?: string[];
  unrelatedToJob?: string[];
  objections?: Record<string, string>;
}

/** Builds a context from plain data; bare addresses get default kinds (private). */
export function createMemoryContext(options: MemoryContextOptions = {}): DetectContext {
  return {
    identities: (options.identities ?? []).map((identity) =>
      typeof identity === 'string'
        ? {
            address: identity.toLowerCase(),
            kind: defaultIdentityKind(identity),
            visibility: 'private',
          }
        : identity,
    ),
    relationship: new InMemoryRelationship(options),
    ownDomains: (options.ownDomains ?? []).map((domain) => domain.toLowerCase()),
    decisions: new InMemoryDecisions(options.decisions),
    tokenModel: options.tokenModel ?? null,
    receivingDomains: options.receivingDomains ?? [],
    unrelatedToJob: new Set(options.unrelatedToJob ?? []),
    objections: new Map(Object.entries(options.objections ?? {})),
  };
}

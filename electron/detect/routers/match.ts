/**
 * Finds the router of a message. The table is compiled once into lookup maps
 * (header name, domain suffix, Feedback-ID tag), so a message costs a few map
 * lookups per header rather than a scan of the table.
 *
 * A router is named only from evidence a forger cannot write: a DKIM d= the
 * receiving side verified, a relay host it vouches for (vouched.ts), or the
 * Return-Path domain when its SPF check passed. Everything the sender wrote
 * (vendor headers, Feedback-ID, Message-ID, links) is a claim: it may add
 * detail (the account id) to a proven router, never name one. Claims the
 * trusted trace contradicts (failed authentication, a mailbox provider's
 * relay) come back as `forged`, a spam signal; the others as `claimed`.
 */
import { domainOf, registrableDomain } from '../../mail-format/index.js';
import type { ParsedHeaders } from '../../mail-format/index.js';
import { authenticationFailed, type TrustReport } from '../trust.js';
import { ROUTERS } from './index.js';
import { IpRangeTable } from './ip-ranges.js';
import { vouchedClientHosts } from './vouched.js';
import type { AccountIdRule, RouterEntry, RouterKind } from './types.js';

export type EvidenceSource =
  | 'header'
  | 'mailer'
  | 'feedback-id'
  | 'return-path'
  | 'dkim-verified'
  | 'dkim'
  | 'relay'
  | 'received'
  | 'message-id'
  | 'list-unsubscribe'
  | 'list-id'
  | 'from'
  | 'tracking'
  | 'self-hosted';

export interface Evidence {
  source: EvidenceSource;
  /** What matched: a header name, a host, a tag. */
  detail: string;
}

export interface BodyUrl {
  host: string;
  path: string;
  /** True for an <img src>, i.e. a possible tracking pixel. */
  image: boolean;
}

export interface RouterInput {
  headers: ParsedHeaders;
  trust: TrustReport;
  returnPath: string;
  fromAddress: string;
  /** Domain of the From address, as features read it (one string per message). */
  fromDomain: string;
  messageIdHost: string;
  listUnsubscribeHosts: readonly string[];
  listId: string;
  bodyUrls: readonly BodyUrl[];
}

export interface RouterMatch {
  entry: RouterEntry;
  accountId: string | null;
  evidence: Evidence[];
  /** verified: seen or checked by the receiving side; claimed: only the sender's word. */
  confidence: 'verified' | 'claimed';
}

export interface RouterResult {
  /** The platform proven by verified DKIM, a vouched relay or an SPF-pass bounce domain. */
  match: RouterMatch | null;
  /** A platform the headers claim but the trusted trace contradicts. */
  forged: RouterMatch | null;
  /** A platform only the sender's own headers or links claim, neither proven nor contradicted. */
  claimed: RouterMatch | null;
}

const WEIGHTS: Record<EvidenceSource, number> = {
  header: 3,
  mailer: 2,
  'feedback-id': 3,
  'return-path': 3,
  'dkim-verified': 4,
  dkim: 1,
  relay: 4,
  received: 1,
  'message-id': 2,
  'list-unsubscribe': 2,
  'list-id': 2,
  from: 2,
  tracking: 2,
  'self-hosted': 4,
};
const STRONG: ReadonlySet<EvidenceSource> = new Set(['dkim-verified', 'relay', 'self-hosted']);
const MIN_SCORE = 3;
const VALUE_CAP = 300;

interface Compiled {
  headers: Map<string, Array<{ index: number; value?: RegExp }>>;
  domains: Map<string, number[]>;
  signing: Map<string, number[]>;
  tracking: Map<string, number[]>;
  prefixes: Array<[string, number]>;
  paths: Array<[string, number]>;
  feedback: Map<string, number[]>;
  mailers: Array<[string, number]>;
  bounces: Array<[RegExp, number]>;
  selfHosted: Array<[RegExp, number]>;
}

const COMPILED = compile(ROUTERS);

function compile(table: readonly RouterEntry[]): Compiled {
  const compiled: Compiled = {
    headers: new Map(),
    domains: new Map(),
    signing: new Map(),
    tracking: new Map(),
    prefixes: [],
    paths: [],
    feedback: new Map(),
    mailers: [],
    bounces: [],
    selfHosted: [],
  };
  const add = (map: Map<string, number[]>, key: string, index: number): void => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  table.forEach((entry, index) => {
    for (const rule of entry.headers ?? []) {
      const list = compiled.headers.get(rule.name) ?? [];
      list.push({ index, value: rule.value });
      compiled.headers.set(rule.name, list);
    }
    for (const domain of entry.domains ?? []) add(compiled.domains, domain, index);
    for (const domain of entry.signingDomains ?? []) add(compiled.signing, domain, index);
    for (const domain of entry.trackingDomains ?? []) add(compiled.tracking, domain, index);
    for (const tag of entry.feedbackIds ?? []) add(compiled.feedback, tag, index);
    for (const prefix of entry.trackingPrefixes ?? []) compiled.prefixes.push([prefix, index]);
    for (const path of entry.trackingPaths ?? []) compiled.paths.push([path, index]);
    for (const mailer of entry.mailers ?? []) compiled.mailers.push([mailer, index]);
    for (const shape of entry.bounceAddresses ?? []) compiled.bounces.push([shape, index]);
    for (const shape of entry.selfHostedPaths ?? []) compiled.selfHosted.push([shape, index]);
  });
  return compiled;
}

/**
 * Router indices by domain, looked up by host name: the longest key that is
 * the host or one of its parent domains (a.b.mcsv.net -> mcsv.net). Keys are
 * grouped by their last two labels, so a lookup is one map access and a few
 * suffix tests, however many distinct relay names a platform uses.
 */
class HostTable {
  private readonly byTail = new Map<
    string,
    Array<{ key: string; dotted: string; indices: number[] }>
  >();

  constructor(keys: Map<string, number[]>) {
    for (const [key, indices] of keys) {
      const tail = lastTwoLabels(key);
      const list = this.byTail.get(tail) ?? [];
      list.push({ key, dotted: `.${key}`, indices });
      this.byTail.set(tail, list);
    }
    for (const list of this.byTail.values()) list.sort((a, b) => b.key.length - a.key.length);
  }

  lookup(host: string): number[] | undefined {
    const h = host.toLowerCase();
    for (const c of this.byTail.get(lastTwoLabels(h)) ?? [])
      if (h === c.key || h.endsWith(c.dotted)) return c.indices;
    return undefined;
  }
}

const SENDING_DOMAINS = new HostTable(COMPILED.domains);
const TRACKING_DOMAINS = new HostTable(COMPILED.tracking);
const SIGNING_DOMAINS = new HostTable(COMPILED.signing);
const IP_RANGES = new IpRangeTable(ROUTERS);

function lastTwoLabels(host: string): string {
  const last = host.lastIndexOf('.');
  if (last <= 0) return host;
  const before = host.lastIndexOf('.', last - 1);
  return before === -1 ? host : host.slice(before + 1);
}

class Collector {
  readonly byRouter = new Map<number, Evidence[]>();

  /** Evidence from a host name seen in a header (Return-Path, DKIM d=, relay, ...). */
  host(host: string, source: EvidenceSource): void {
    if (host) this.add(SENDING_DOMAINS.lookup(host), source, host);
  }

  add(indices: readonly number[] | undefined, source: EvidenceSource, detail: string): void {
    if (!indices) return;
    for (const index of indices) this.one(index, source, detail);
  }

  /** Evidence for one router; one piece per source is enough. */
  one(index: number, source: EvidenceSource, detail: string): void {
    const list = this.byRouter.get(index);
    if (!list) this.byRouter.set(index, [{ source, detail }]);
    else if (!list.some((e) => e.source === source)) list.push({ source, detail });
  }
}

export function identifyRouter(input: RouterInput): RouterResult {
  const found = new Collector();
  collectHeaderEvidence(input, found);
  const proven = collectHostEvidence(input, found);
  collectBodyEvidence(input, found);
  collectSelfHostedEvidence(input, proven, found);
  return choose(input, found);
}

function collectHeaderEvidence(input: RouterInput, found: Collector): void {
  for (const field of input.headers.fields) {
    const rules = COMPILED.headers.get(field.name);
    if (rules) {
      const value = field.value.length > VALUE_CAP ? field.value.slice(0, VALUE_CAP) : field.value;
      for (const rule of rules)
        if (!rule.value || rule.value.test(value)) found.one(rule.index, 'header', field.name);
    }
    if (field.name === 'feedback-id' || field.name === 'x-feedback-id') {
      const tag = field.value
        .slice(field.value.lastIndexOf(':') + 1)
        .trim()
        .toLowerCase();
      found.add(COMPILED.feedback.get(tag), 'feedback-id', tag);
    } else if (field.name === 'x-mailer' || field.name === 'user-agent') {
      const mailer = field.value.slice(0, VALUE_CAP).toLowerCase();
      for (const [needle, index] of COMPILED.mailers)
        if (mailer.includes(needle)) found.one(index, 'mailer', needle);
    }
  }
}

/**
 * Collects what the host names show, and returns the hosts the receiving side
 * vouches sent the message (relay, verified DKIM, SPF-pass bounce).
 */
function collectHostEvidence(input: RouterInput, found: Collector): string[] {
  const { trust } = input;
  const proven: string[] = [];
  const prove = (host: string): void => {
    if (host) proven.push(host);
  };
  const rpDomain = domainOf(input.returnPath);
  const spfPass = trust.spf?.result === 'pass' && trust.spf.domain === rpDomain;
  if (spfPass) prove(rpDomain);
  found.host(rpDomain, spfPass ? 'relay' : 'return-path');
  if (input.returnPath.length <= VALUE_CAP) {
    const address = input.returnPath.toLowerCase();
    for (const [shape, index] of COMPILED.bounces)
      if (shape.test(address)) found.one(index, spfPass ? 'relay' : 'return-path', rpDomain);
  }
  for (const sig of trust.signatures) {
    found.host(sig.domain, sig.verified ? 'dkim-verified' : 'dkim');
    if (sig.verified) prove(sig.domain);
  }
  for (const domain of trust.dkimPass) {
    if (!signedAndVerified(trust, domain)) found.host(domain, 'dkim-verified');
    found.add(SIGNING_DOMAINS.lookup(domain), 'dkim-verified', domain);
    prove(domain);
  }
  for (const vouched of vouchedClientHosts(input.headers, trust)) {
    found.host(vouched.host, 'relay');
    prove(vouched.host);
    if (vouched.ip) found.add(IP_RANGES.lookup(vouched.ip), 'relay', vouched.ip);
  }
  // The HELO name is the client's own word; hops below the boundary are not even read.
  found.host(trust.clientHelo, 'received');
  found.host(input.messageIdHost, 'message-id');
  found.host(input.fromDomain, 'from');
  found.host(input.listId, 'list-id');
  for (const host of input.listUnsubscribeHosts) {
    found.host(host, 'list-unsubscribe');
    found.add(TRACKING_DOMAINS.lookup(host), 'list-unsubscribe', host);
  }
  return proven;
}

function collectBodyEvidence(input: RouterInput, found: Collector): void {
  for (const url of input.bodyUrls) {
    // A bare link to a vendor's home page is not tracking: tracking URLs carry an id.
    if (!url.image && url.path.length < 10) continue;
    found.add(TRACKING_DOMAINS.lookup(url.host), 'tracking', url.host);
    for (const [prefix, index] of COMPILED.prefixes)
      if (url.host.startsWith(prefix)) found.one(index, 'tracking', url.host);
    for (const [path, index] of COMPILED.paths)
      if (url.path.startsWith(path)) found.one(index, 'tracking', url.host);
  }
}

const LINK_IN_HEADER = /https?:\/\/([a-z0-9.-]{1,253})(\/[^\s>,]{0,300})/i;
const LINK_HEADERS = ['x-report-abuse', 'list-unsubscribe'];

/**
 * Self-hosted software (MailWizz) is named when its links sit on a domain the
 * receiving side vouches sent the message: anyone can write the links, but not
 * on the domain of the relay, signature or bounce address that was checked.
 * The paths are tested first: domains are worked out only for the rare link
 * that has one of them (a mailbox's senders and links are mostly new).
 */
function collectSelfHostedEvidence(
  input: RouterInput,
  proven: readonly string[],
  found: Collector,
): void {
  if (proven.length === 0 || COMPILED.selfHosted.length === 0) return;
  let provenDomains: Set<string> | null = null;
  const offer = (host: string, path: string): void => {
    for (const [shape, index] of COMPILED.selfHosted) {
      if (!shape.test(path)) continue;
      provenDomains ??= new Set(proven.map((h) => registrableDomain(h.toLowerCase()) ?? ''));
      const domain = registrableDomain(host.toLowerCase());
      if (domain && provenDomains.has(domain)) found.one(index, 'self-hosted', host.toLowerCase());
    }
  };
  for (const name of LINK_HEADERS)
    for (const value of input.headers.all(name).slice(0, 3)) {
      const link = LINK_IN_HEADER.exec(
        value.length > VALUE_CAP ? value.slice(0, VALUE_CAP) : value,
      );
      if (link) offer(link[1]!, link[2]!);
    }
  for (const url of input.bodyUrls) offer(url.host, url.path);
}

const TIER: Record<RouterKind, number> = {
  cold_outreach: 3,
  crm: 2,
  marketing_automation: 2,
  newsletter_platform: 2,
  esp: 1,
};

/** A verified signature of this domain was looked up already, with the same evidence. */
function signedAndVerified(trust: TrustReport, domain: string): boolean {
  return trust.signatures.some((sig) => sig.verified && sig.domain === domain);
}

function choose(input: RouterInput, found: Collector): RouterResult {
  const best = new Best();
  const forged = new Best();
  const claimed = new Best();
  const failed = authenticationFailed(input.trust);
  const relayIsMailbox = input.trust.mailboxProvider !== null;
  for (const [index, evidence] of found.byRouter) {
    const entry = ROUTERS[index]!;
    let score = 0;
    let strong = false;
    for (const e of evidence) {
      score += weightOf(e, entry.kind);
      if (STRONG.has(e.source)) strong = true;
    }
    const match: RouterMatch = { entry, accountId: null, evidence, confidence: 'verified' };
    // Software on the sender's own server is named only when no platform is proven besides it.
    const rank = (entry.selfHostedPaths ? 0 : TIER[entry.kind]) * 1000 + score;
    if (strong) {
      best.offer(match, rank);
      continue;
    }
    if (score < MIN_SCORE) continue;
    match.confidence = 'claimed';
    const contradicted =
      failed || (relayIsMailbox && entry.kind !== 'cold_outreach' && entry.kind !== 'crm');
    if (!contradicted) claimed.offer(match, rank);
    else if (evidence.some((e) => e.source !== 'tracking')) forged.offer(match, rank);
  }
  const match = best.match;
  if (match) match.accountId = readAccountId(match.entry, input);
  return {
    match,
    forged: match ? null : forged.match,
    claimed: match ? null : claimed.match,
  };
}

/** The highest-ranked candidate offered. */
class Best {
  match: RouterMatch | null = null;
  private rank = -1;

  offer(match: RouterMatch, rank: number): void {
    if (rank > this.rank) {
      this.match = match;
      this.rank = rank;
    }
  }
}

function weightOf(evidence: Evidence, kind: RouterKind): number {
  // Sales tools (and HubSpot's sales extension) show up only through their tracking.
  if (evidence.source === 'tracking' && (kind === 'cold_outreach' || kind === 'crm')) return 3;
  return WEIGHTS[evidence.source];
}

function readAccountId(entry: RouterEntry, input: RouterInput): string | null {
  for (const rule of entry.accountId ?? []) {
    for (const value of accountSourceValues(rule, input)) {
      const capped = value.length > 512 ? value.slice(0, 512) : value;
      const hit = rule.pattern.exec(capped);
      if (hit?.[1]) return hit[1];
    }
  }
  return null;
}

function accountSourceValues(rule: AccountIdRule, input: RouterInput): string[] {
  switch (rule.source) {
    case 'header':
      return rule.header ? input.headers.all(rule.header).slice(0, 3) : [];
    case 'return-path':
      return [input.returnPath];
    case 'feedback-id':
      return [...input.headers.all('feedback-id'), ...input.headers.all('x-feedback-id')].slice(
        0,
        3,
      );
    case 'list-id':
      return [input.listId];
    case 'dkim-selector':
      return input.trust.signatures.map((sig) => sig.selector);
    case 'from':
      return [input.fromAddress];
    case 'received':
      return input.headers.all('received').slice(0, 10);
    case 'body':
      return input.bodyUrls.slice(0, 200).map((url) => `//${url.host}${url.path}`);
  }
}

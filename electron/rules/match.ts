/**
 * Whether a rule matches a stored message: pure, over the row the preselect
 * read. The safety gates come before the conditions and hold whatever the
 * rule says: mail with a relationship is touched only by a rule naming its
 * sender; a verdict below the rule's confidence is never touched; a router
 * condition never catches relationship mail nor a mailing-list discussion;
 * Sent and Drafts are never touched, the Trash and Junk only when named.
 */
import { domainOf, registrableDomain } from '../mail-format/index.js';
import type { RuleCondition, RuleDraft } from '../../shared/api/rules.js';
import type { CandidateRow } from './rules.sql.js';

export interface RuleSpec extends Omit<RuleDraft, 'name' | 'enabled'> {
  id: number;
}

export interface MatchContext {
  /** Addresses the user wrote to (lowercase). */
  wroteTo: ReadonlySet<string>;
  /** Registrable domains the user wrote to as a whole. */
  wroteToDomains: ReadonlySet<string>;
  /** Addresses and domains the user marked wanted. */
  wanted: ReadonlySet<string>;
  /** The least verdict score a rule acts on when its verdict condition names none. */
  defaultMinConfidence: number;
  /** Routers of the user's router blocks (any account). */
  blockedRouters: ReadonlySet<string>;
  /** Advertiser domain → statuses of its open objection cases ('violated' among them). */
  objections: ReadonlyMap<string, ReadonlySet<string>>;
  /** Milliseconds, for the age condition. */
  now: number;
}

const NEVER_TOUCHED = new Set(['sent', 'drafts']);
const ONLY_WHEN_NAMED = new Set(['trash', 'junk']);
const DAY_MS = 86_400_000;

export function hasFlag(flags: string, flag: string): boolean {
  return ` ${flags.toLowerCase()} `.includes(` ${flag.toLowerCase()} `);
}

function senderOf(row: CandidateRow): { address: string; domain: string | null } {
  const address = (row.fromAddress ?? '').toLowerCase();
  const host = domainOf(address);
  return { address, domain: host ? registrableDomain(host) : null };
}

/** The user wrote to the sender (or its domain), replied in the thread, or marked it wanted. */
export function hasRelationship(row: CandidateRow, ctx: MatchContext): boolean {
  if (row.repliedOrWrote) return true;
  const { address, domain } = senderOf(row);
  if (address && (ctx.wroteTo.has(address) || ctx.wanted.has(address))) return true;
  return domain !== null && (ctx.wroteToDomains.has(domain) || ctx.wanted.has(domain));
}

/** A sender condition naming this message's address, or its domain (or a parent of it). */
function namesSender(rule: RuleSpec, row: CandidateRow): boolean {
  const address = (row.fromAddress ?? '').toLowerCase();
  const host = domainOf(address);
  return rule.conditions.some(
    (c) =>
      c.field === 'sender' &&
      c.senders.some((s) =>
        s.includes('@') ? s === address : host === s || host.endsWith(`.${s}`),
      ),
  );
}

function minConfidence(c: Extract<RuleCondition, { field: 'verdict' }>, ctx: MatchContext) {
  return c.minConfidence ?? ctx.defaultMinConfidence;
}

/**
 * False when a gate keeps the message out of this rule's reach, whatever its conditions. The
 * relationship gate is ruleMatches's, last: reading the sender's domain costs the most.
 */
function passesGates(rule: RuleSpec, row: CandidateRow, ctx: MatchContext): boolean {
  if (rule.accountId !== null && rule.accountId !== row.accountId) return false;
  const special = row.specialUse ?? '';
  if (NEVER_TOUCHED.has(special)) return false;
  if (ONLY_WHEN_NAMED.has(special) && !namesFolder(rule, row.folder)) return false;
  for (const c of rule.conditions)
    if (
      c.field === 'verdict' &&
      row.verdict !== null &&
      c.verdicts.includes(row.verdict as never) &&
      (row.score ?? 0) < minConfidence(c, ctx)
    )
      return false;
  return true;
}

function namesFolder(rule: RuleSpec, path: string): boolean {
  return rule.conditions.some((c) => c.field === 'folder' && c.paths.includes(path));
}

/** The List-Id's identifier (inside the angle brackets), lowercase, or null. */
export function listIdOf(headers: Buffer | null): string | null {
  if (!headers) return null;
  const m = /^list-id:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/im.exec(headers.toString('latin1'));
  if (!m) return null;
  const value = m[1]!.replace(/\r?\n/g, '').trim();
  const inAngles = /<([^>]+)>/.exec(value);
  return (inAngles ? inAngles[1]! : value).trim().toLowerCase();
}

function ageDays(row: CandidateRow, now: number): number | null {
  const at = row.date ? Date.parse(row.date) : NaN;
  return Number.isNaN(at) ? null : (now - at) / DAY_MS;
}

export function conditionHolds(c: RuleCondition, row: CandidateRow, ctx: MatchContext): boolean {
  switch (c.field) {
    case 'verdict':
      return (
        row.verdict !== null &&
        c.verdicts.includes(row.verdict as never) &&
        (row.score ?? 0) >= minConfidence(c, ctx)
      );
    case 'router':
      // A list's discussion goes through the same platforms: a router never names it.
      return (
        row.router !== null && c.routers.includes(row.router) && row.verdict !== 'list_discussion'
      );
    case 'blockedRouter':
      return (
        row.router !== null &&
        ctx.blockedRouters.has(row.router) &&
        row.verdict !== 'list_discussion'
      );
    case 'objection': {
      const advertiser = row.advertiser?.toLowerCase() ?? senderOf(row).domain;
      const statuses = advertiser === null ? undefined : ctx.objections.get(advertiser);
      return statuses !== undefined && (c.status === 'objected' || statuses.has('violated'));
    }
    case 'advertiser': {
      // Detection names no advertiser for plain spam; the sender's domain is still the one blocked.
      const advertiser = row.advertiser?.toLowerCase() ?? senderOf(row).domain;
      return advertiser !== null && c.domains.includes(advertiser);
    }
    case 'sender': {
      const { address } = senderOf(row);
      const host = domainOf(address);
      return c.senders.some((s) =>
        s.includes('@') ? s === address : host === s || host.endsWith(`.${s}`),
      );
    }
    case 'identity':
      return row.identity !== null && c.addresses.includes(row.identity.toLowerCase());
    case 'quadrant':
      return (
        row.identity !== null &&
        (c.kind === undefined || c.kind === row.identityKind) &&
        (c.visibility === undefined || c.visibility === row.identityVisibility) &&
        (c.leaked === undefined || c.leaked === (row.leaked === 1))
      );
    case 'relationship':
      return hasRelationship(row, ctx) === (c.value === 'any');
    case 'list': {
      const id = listIdOf(row.headers);
      return id !== null && c.listIds.some((l) => l.toLowerCase() === id);
    }
    case 'age': {
      const days = ageDays(row, ctx.now);
      return days !== null && days >= c.olderThanDays;
    }
    case 'folder':
      return c.paths.includes(row.folder);
    case 'read':
      return hasFlag(row.flags, '\\Seen') === c.value;
    case 'flagged':
      return hasFlag(row.flags, '\\Flagged') === c.value;
  }
}

/**
 * The rule's gates and conditions, all but the relationship gate (ruleMatches adds it): a caller
 * with many rules asks hasRelationship once per message, and only of one a rule takes.
 */
export function matchesBeforeRelationship(
  rule: RuleSpec,
  row: CandidateRow,
  ctx: MatchContext,
): boolean {
  if (!passesGates(rule, row, ctx)) return false;
  return rule.match === 'all'
    ? rule.conditions.every((c) => conditionHolds(c, row, ctx))
    : rule.conditions.some((c) => conditionHolds(c, row, ctx));
}

/** Mail with a relationship is touched only by a rule that names its sender. */
export function relationshipAllows(rule: RuleSpec, row: CandidateRow, related: boolean): boolean {
  return !related || namesSender(rule, row);
}

export function ruleMatches(rule: RuleSpec, row: CandidateRow, ctx: MatchContext): boolean {
  return (
    matchesBeforeRelationship(rule, row, ctx) &&
    relationshipAllows(rule, row, hasRelationship(row, ctx))
  );
}

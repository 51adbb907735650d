/**
 * The preselect's filter, from the rules: each rule's gates and conditions
 * as SQL over the candidate query's tables (l locations, f folders, m
 * messages, c classifications, i identities), the rules OR'd, so the store
 * hands the matcher only the places some rule may touch. Each condition's SQL
 * holds wherever match.ts's does (a superset: the matcher keeps the last
 * word): what SQL cannot read (relationship, List-Id) is left true, and text
 * SQLite cannot fold like JavaScript (non-ASCII, a host ending in a dot) is
 * let through to the matcher.
 */
import type { RuleCondition } from '../../shared/api/rules.js';
import type { MatchContext, RuleSpec } from './match.js';

export interface SqlFilter {
  sql: string;
  params: Record<string, string | number>;
}

const TRUE = '1';
const FALSE = '0';
const DAY_MS = 86_400_000;
const DATE = 'COALESCE(m.date, m.internal_date)';
/** Beyond this many domains, the sender's-domain test is left to the matcher. */
const MAX_LIKE_DOMAINS = 20;

class Params {
  readonly values: Record<string, string | number> = {};
  private n = 0;
  add(value: string | number): string {
    const name = `p${this.n++}`;
    this.values[name] = value;
    return `@${name}`;
  }
  list(values: Iterable<string>): string {
    return `(SELECT value FROM json_each(${this.add(JSON.stringify([...values]))}))`;
  }
}

/** Text SQLite's lower() and LIKE would fold otherwise than JavaScript's toLowerCase. */
const unusual = (column: string) => `(${column} GLOB '*[^ -~]*' OR ${column} GLOB '*.')`;
const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The sender's address ends in one of these domains (or a subdomain of one). */
function senderDomainIn(domains: readonly string[], p: Params): string {
  if (domains.length === 0) return FALSE;
  const terms = domains.flatMap((d) => [
    `m.from_address LIKE ${p.add(`%@${likeEscaped(d)}`)} ESCAPE '\\'`,
    `m.from_address LIKE ${p.add(`%.${likeEscaped(d)}`)} ESCAPE '\\'`,
  ]);
  return `(${terms.join(' OR ')} OR ${unusual('m.from_address')})`;
}

/** match.ts's advertiser: detection's, or else the sender's registrable domain. */
function advertiserIn(domains: readonly string[], p: Params): string {
  if (domains.length === 0) return FALSE;
  const named = `(lower(c.advertiser_domain) IN ${p.list(domains)} OR ${unusual('c.advertiser_domain')})`;
  const bySender = domains.length > MAX_LIKE_DOMAINS ? TRUE : senderDomainIn(domains, p);
  return `(CASE WHEN c.advertiser_domain IS NULL THEN ${bySender} ELSE ${named} END)`;
}

function hasFlag(flag: string, value: boolean, p: Params): string {
  const present = `(' ' || l.flags || ' ' LIKE ${p.add(`% ${flag} %`)})`;
  return value ? present : `NOT ${present}`;
}

/** At least `days` old, by the matcher's clock (one second of slack for dates written oddly). */
function olderThan(days: number, now: number, p: Params): string {
  const cutoff = new Date(now - days * DAY_MS + 1000).toISOString();
  if (!/^\d{4}-/.test(cutoff)) return TRUE;
  return `(${DATE} <= ${p.add(cutoff)} OR ${DATE} NOT GLOB '[0-9][0-9][0-9][0-9]-*')`;
}

function conditionSql(c: RuleCondition, ctx: MatchContext, p: Params): string {
  switch (c.field) {
    case 'verdict': {
      const min = c.minConfidence ?? ctx.defaultMinConfidence;
      return `(c.verdict IN ${p.list(c.verdicts)} AND c.score >= ${p.add(min)})`;
    }
    case 'router':
      return `(c.router_id IN ${p.list(c.routers)} AND c.verdict IS NOT 'list_discussion')`;
    case 'blockedRouter':
      return `(c.router_id IN ${p.list(ctx.blockedRouters)} AND c.verdict IS NOT 'list_discussion')`;
    case 'objection': {
      const domains = [...ctx.objections]
        .filter(([, statuses]) => c.status === 'objected' || statuses.has('violated'))
        .map(([domain]) => domain);
      return advertiserIn(domains, p);
    }
    case 'advertiser':
      return advertiserIn(c.domains, p);
    case 'sender': {
      const addresses = c.senders.filter((s) => s.includes('@'));
      const domains = c.senders.filter((s) => !s.includes('@'));
      const exact = addresses.map(
        (a) => `m.from_address LIKE ${p.add(likeEscaped(a))} ESCAPE '\\'`,
      );
      return `(${[...exact, senderDomainIn(domains, p), unusual('m.from_address')].join(' OR ')})`;
    }
    case 'identity':
      return `(lower(c.identity) IN ${p.list(c.addresses)} OR ${unusual('c.identity')})`;
    case 'quadrant': {
      const parts = ['c.identity IS NOT NULL'];
      if (c.kind !== undefined) parts.push(`i.kind = ${p.add(c.kind)}`);
      if (c.visibility !== undefined) parts.push(`i.visibility = ${p.add(c.visibility)}`);
      if (c.leaked !== undefined)
        parts.push(c.leaked ? 'c.identity_leaked = 1' : 'c.identity_leaked IS NOT 1');
      return `(${parts.join(' AND ')})`;
    }
    case 'relationship':
    case 'list':
      return TRUE;
    case 'age':
      return olderThan(c.olderThanDays, ctx.now, p);
    case 'folder':
      // By folder id: a rule naming its folders reads only theirs (message_locations' key).
      return `l.folder_id IN (SELECT id FROM folders WHERE path IN ${p.list(c.paths)})`;
    case 'read':
      return hasFlag('\\Seen', c.value, p);
    case 'flagged':
      return hasFlag('\\Flagged', c.value, p);
  }
}

/** A gate SQL reads exactly, the same for every rule: never Sent or Drafts. */
const NEVER_SENT_OR_DRAFTS = `(f.special_use IS NULL OR f.special_use NOT IN ('sent', 'drafts'))`;

function ruleSql(rule: RuleSpec, ctx: MatchContext, p: Params): string {
  // The other gate SQL reads exactly: the rule's account.
  const gate = rule.accountId === null ? TRUE : `l.account_id = ${p.add(rule.accountId)}`;
  const conditions = rule.conditions.map((c) => conditionSql(c, ctx, p));
  const joined =
    rule.match === 'all' ? conditions.join(' AND ') || TRUE : conditions.join(' OR ') || FALSE;
  return `(${gate} AND (${joined}))`;
}

/** The places any of these rules may touch, as one WHERE term with its named parameters. */
export function rulesFilter(rules: readonly RuleSpec[], ctx: MatchContext): SqlFilter {
  const p = new Params();
  const sql = rules.map((r) => ruleSql(r, ctx, p)).join(' OR ') || FALSE;
  // The common gate once per place, not once per rule.
  return { sql: `(${NEVER_SENT_OR_DRAFTS} AND (${sql}))`, params: p.values };
}

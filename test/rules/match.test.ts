/**
 * The matcher's safety gates and the evaluation's order, on rows as the
 * preselect reads them: each case is a way a rule could touch mail it must not.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../electron/rules/evaluate.js';
import {
  listIdOf,
  ruleMatches,
  type MatchContext,
  type RuleSpec,
} from '../../electron/rules/match.js';
import type { CandidateRow } from '../../electron/rules/rules.sql.js';

const ctx: MatchContext = {
  wroteTo: new Set(['friend@brand.fr']),
  wroteToDomains: new Set(),
  wanted: new Set(['wanted.fr']),
  defaultMinConfidence: 0.9,
  blockedRouters: new Set(['brevo']),
  objections: new Map([
    ['objected.fr', new Set(['waiting'])],
    ['violator.fr', new Set(['violated'])],
  ]),
  now: Date.parse('2026-12-01T00:00:00Z'),
};

let uid = 0;
function row(o: Partial<CandidateRow> = {}): CandidateRow {
  uid++;
  return {
    accountId: 'a',
    folderId: 1,
    folder: 'INBOX',
    specialUse: 'inbox',
    uid,
    flags: '',
    messageId: uid,
    fromAddress: `news@promo.fr`,
    subject: 's',
    date: '2026-10-01T10:00:00.000Z',
    verdict: 'newsletter',
    score: 0.95,
    router: 'mailchimp',
    advertiser: 'promo.fr',
    identity: 'alice@exemple.fr',
    identityKind: 'personal',
    identityVisibility: 'private',
    leaked: 0,
    repliedOrWrote: 0,
    otherFolders: null,
    headers: null,
    ...o,
  };
}

function rule(o: Partial<RuleSpec>): RuleSpec {
  return {
    id: 1,
    accountId: null,
    match: 'all',
    conditions: [{ field: 'verdict', verdicts: ['newsletter'] }],
    actions: [{ type: 'trash' }],
    stop: false,
    allowPurge: false,
    ...o,
  };
}

describe('rule matcher gates', () => {
  it('leaves relationship mail alone unless the rule names the sender', () => {
    const wrote = row({ fromAddress: 'friend@brand.fr' });
    const replied = row({ repliedOrWrote: 1 });
    const wanted = row({ fromAddress: 'news@mail.wanted.fr' });
    const broad = rule({});
    for (const r of [wrote, replied, wanted]) expect(ruleMatches(broad, r, ctx)).toBe(false);
    const named = rule({
      conditions: [{ field: 'sender', senders: ['brand.fr'] }],
    });
    expect(ruleMatches(named, wrote, ctx)).toBe(true);
    expect(ruleMatches(named, replied, ctx)).toBe(false);
  });

  it('never touches a verdict below the confidence, even when another condition matches', () => {
    const low = row({ score: 0.8 });
    expect(ruleMatches(rule({}), low, ctx)).toBe(false);
    const anyOf = rule({
      match: 'any',
      conditions: [
        { field: 'verdict', verdicts: ['newsletter'] },
        { field: 'advertiser', domains: ['promo.fr'] },
      ],
    });
    expect(ruleMatches(anyOf, low, ctx)).toBe(false);
    expect(ruleMatches(anyOf, row({ score: 0.95 }), ctx)).toBe(true);
    const lowered = rule({
      conditions: [{ field: 'verdict', verdicts: ['newsletter'], minConfidence: 0.7 }],
    });
    expect(ruleMatches(lowered, low, ctx)).toBe(true);
    expect(ruleMatches(rule({}), row({ verdict: null, score: null }), ctx)).toBe(false);
  });

  it('an advertiser block catches its plain spam, which detection names no advertiser for', () => {
    const block = rule({ conditions: [{ field: 'advertiser', domains: ['promo.fr'] }] });
    const spam = row({ verdict: 'spam', advertiser: null, fromAddress: 'win@mail.promo.fr' });
    expect(ruleMatches(block, spam, ctx)).toBe(true);
    expect(ruleMatches(block, row({ advertiser: null, fromAddress: 'x@other.fr' }), ctx)).toBe(
      false,
    );
  });

  it('"from blocked routers" follows the blocks: only their routers, never a list discussion', () => {
    const blocked = rule({ conditions: [{ field: 'blockedRouter' }] });
    expect(ruleMatches(blocked, row({ router: 'brevo' }), ctx)).toBe(true);
    expect(ruleMatches(blocked, row({ router: 'mailchimp' }), ctx)).toBe(false);
    expect(ruleMatches(blocked, row({ router: null }), ctx)).toBe(false);
    const listTalk = row({ router: 'brevo', verdict: 'list_discussion', score: 0.99 });
    expect(ruleMatches(blocked, listTalk, ctx)).toBe(false);
    const unblocked = { ...ctx, blockedRouters: new Set<string>() };
    expect(ruleMatches(blocked, row({ router: 'brevo' }), unblocked)).toBe(false);
  });

  it('objection status: objected covers every open case, violated only the violated ones', () => {
    const objected = rule({ conditions: [{ field: 'objection', status: 'objected' }] });
    const violated = rule({ conditions: [{ field: 'objection', status: 'violated' }] });
    const from = (advertiser: string) => row({ advertiser });
    expect(ruleMatches(objected, from('objected.fr'), ctx)).toBe(true);
    expect(ruleMatches(objected, from('violator.fr'), ctx)).toBe(true);
    expect(ruleMatches(objected, from('other.fr'), ctx)).toBe(false);
    expect(ruleMatches(violated, from('violator.fr'), ctx)).toBe(true);
    expect(ruleMatches(violated, from('objected.fr'), ctx)).toBe(false);
    // Plain spam without a named advertiser: the sender's registrable domain stands in.
    const spam = row({ advertiser: null, fromAddress: 'x@mail.violator.fr' });
    expect(ruleMatches(violated, spam, ctx)).toBe(true);
  });

  it('a router block never catches a mailing-list discussion', () => {
    const block = rule({ conditions: [{ field: 'router', routers: ['mailchimp'] }] });
    expect(ruleMatches(block, row({}), ctx)).toBe(true);
    expect(ruleMatches(block, row({ verdict: 'list_discussion', score: 0.99 }), ctx)).toBe(false);
  });

  it('never touches Sent or Drafts; the Trash only when the rule names it', () => {
    expect(ruleMatches(rule({}), row({ folder: 'Sent', specialUse: 'sent' }), ctx)).toBe(false);
    const trashRow = row({ folder: 'Trash', specialUse: 'trash' });
    expect(ruleMatches(rule({}), trashRow, ctx)).toBe(false);
    const named = rule({
      conditions: [
        { field: 'verdict', verdicts: ['newsletter'] },
        { field: 'folder', paths: ['Trash'] },
      ],
    });
    expect(ruleMatches(named, trashRow, ctx)).toBe(true);
  });

  it('reads age, flags, quadrant, account and List-Id', () => {
    const old = rule({ conditions: [{ field: 'age', olderThanDays: 30 }] });
    expect(ruleMatches(old, row({}), ctx)).toBe(true);
    expect(ruleMatches(old, row({ date: '2026-11-20T00:00:00Z' }), ctx)).toBe(false);
    const unread = rule({ conditions: [{ field: 'read', value: false }] });
    expect(ruleMatches(unread, row({ flags: '\\Seen' }), ctx)).toBe(false);
    const leaked = rule({
      conditions: [{ field: 'quadrant', visibility: 'private', leaked: true }],
    });
    expect(ruleMatches(leaked, row({ leaked: 1 }), ctx)).toBe(true);
    expect(ruleMatches(leaked, row({ leaked: 0 }), ctx)).toBe(false);
    expect(ruleMatches(rule({ accountId: 'b' }), row({}), ctx)).toBe(false);
    const headers = Buffer.from('Subject: x\r\nList-Id: Promo news\r\n <News.Promo.fr>\r\n');
    expect(listIdOf(headers)).toBe('news.promo.fr');
    const list = rule({ conditions: [{ field: 'list', listIds: ['news.promo.fr'] }] });
    expect(ruleMatches(list, row({ headers }), ctx)).toBe(true);
  });
});

describe('evaluation', () => {
  it('flags first, one move per message, stop ends the rules, done effects are left out', () => {
    const read = rule({ id: 1, actions: [{ type: 'markRead' }] });
    const move = rule({ id: 2, actions: [{ type: 'move', folder: 'Promos' }], stop: true });
    const never = rule({ id: 3, actions: [{ type: 'trash' }] });
    const rows = [
      row({}),
      row({ flags: '\\Seen' }),
      row({ folder: 'Promos', specialUse: null }),
      // Moved already on a server without UIDPLUS: the original stays until expunged.
      row({ flags: '\\Seen', otherFolders: 'Archive\nPromos' }),
    ];
    const e = evaluateRules([read, move, never], rows, ctx, {
      trashOf: () => 'Trash',
      hitLimit: 10,
    });
    expect(e.steps.map((s) => [s.ruleId, s.action.type, s.folder, s.uids])).toEqual([
      [1, 'markRead', 'INBOX', [rows[0]!.uid]],
      [1, 'markRead', 'Promos', [rows[2]!.uid]],
      [2, 'move', 'INBOX', [rows[0]!.uid, rows[1]!.uid]],
    ]);
    expect(e.total).toBe(3);
  });
});

/** The triage screen: unsolicited mail grouped (by advertiser, router, identity or verdict). */
import { z } from 'zod';
import type { Signal, Verdict } from '../types.js';
import { call } from './define.js';
import { accountId } from './schemas.js';

export const TRIAGE_GROUPINGS = ['advertiser', 'router', 'identity', 'verdict'] as const;
export type TriageGrouping = (typeof TRIAGE_GROUPINGS)[number];

/** One group of unsolicited mail still on a server. */
export interface TriageGroup {
  /** The advertiser's domain, the router's id, the identity or the verdict; null: unknown. */
  key: string | null;
  /** What the group is called (a display name where the key has one). */
  label: string | null;
  count: number;
  /** ISO 8601 date of its latest message (the one stored last). */
  lastDate: string | null;
  /** Of that message: the router, the advertiser, the identity it hit, its legal hints. */
  router: string | null;
  advertiser: string | null;
  identity: string | null;
  /** The identity is private and received marketing: it leaked. */
  identityLeaked: boolean;
  /** The user is the advertiser's customer (its receipts reached them): no leak, an exception. */
  customer: boolean;
  legalFlags: Signal[];
  /** Its latest message (what a "keep the whole advertiser" correction names). */
  latestMessageId: number;
}

/** A page of groups, largest first, and how many there are in all. */
export interface TriageGroupPage {
  /** Groups in all, and the messages they hold. */
  groups: number;
  messages: number;
  items: TriageGroup[];
}

/** A message of a group, as the expanded group lists it. */
export interface TriageMessage {
  id: number;
  accountId: string;
  date: string | null;
  fromName: string | null;
  fromAddress: string | null;
  subject: string;
  verdict: Verdict;
}

/** Unsolicited mail received in one week (Monday, ISO date), kept or gone from the server. */
export interface WeekCount {
  week: string;
  count: number;
}

const scope = { accountId: accountId.optional(), by: z.enum(TRIAGE_GROUPINGS) };

export const triageCalls = {
  /** Unsolicited mail still on a server, grouped; the largest groups first. All accounts without accountId. */
  'triage.groups': call<TriageGroup[]>()(z.object(scope).strict()),
  /** Groups from `offset` on, largest first (what a screen shows first), with the totals. */
  'triage.groupPage': call<TriageGroupPage>()(
    z
      .object({
        ...scope,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
  ),
  /** A group's messages, latest first. */
  'triage.messages': call<{ total: number; items: TriageMessage[] }>()(
    z
      .object({
        ...scope,
        key: z.string().max(320).nullable(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
  ),
  /** Unsolicited mail per week over the last `weeks` weeks, oldest first (the dashboard). */
  'triage.perWeek': call<WeekCount[]>()(
    z
      .object({
        accountId: accountId.optional(),
        weeks: z.number().int().min(1).max(104).default(26),
      })
      .strict(),
  ),
} as const;

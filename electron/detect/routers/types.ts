/**
 * The shape of one entry of the router table: a sending platform, described
 * as data (what it stamps on the mail it sends), never as code.
 */

export type RouterKind =
  'esp' | 'marketing_automation' | 'crm' | 'cold_outreach' | 'newsletter_platform';

export interface HeaderRule {
  /** Lowercased header name. */
  name: string;
  /**
   * When set, the (first 300 chars of the) value must match. Patterns here are
   * anchored and free of nested quantifiers: they run on hostile input.
   */
  value?: RegExp;
}

/** Where an account id can be read, and how. */
export type AccountSource =
  | 'header'
  | 'return-path'
  | 'feedback-id'
  | 'list-id'
  | 'dkim-selector'
  | 'from'
  | 'body'
  | 'received';

export interface AccountIdRule {
  source: AccountSource;
  /** For source 'header': the lowercased header name. */
  header?: string;
  /** Capture group 1 is the account id. Bounded, anchored where possible. */
  pattern: RegExp;
}

export interface RouterEntry {
  /** Stable id, used in rules and stored verdicts. */
  id: string;
  name: string;
  kind: RouterKind;
  website: string;
  /** Where abuse reports go: an address, or a web form URL when there is no address. */
  abuse: string | null;
  /** Vendor headers the platform adds. */
  headers?: HeaderRule[];
  /** Lowercased substrings of X-Mailer / User-Agent. */
  mailers?: string[];
  /** Last colon-separated field of Feedback-ID, lowercased ("mc", "amazonses"). */
  feedbackIds?: string[];
  /**
   * Bounce addresses the platform writes on the customer's own domain (a subdomain the
   * customer points at the platform): one names the platform when the receiver's SPF passed
   * for its domain, as a bounce domain of the platform's own does. Anchored, no nested
   * quantifiers: they run on hostile input.
   */
  bounceAddresses?: RegExp[];
  /** Infrastructure domains: bounce (Return-Path), DKIM d=, MTA hosts, Message-ID, list hosts. */
  domains?: string[];
  /**
   * Domains that name the platform only as a verified DKIM d= (shared with
   * mail nobody routed: google.com signs Google's own notifications only).
   */
  signingDomains?: string[];
  /**
   * IPv4 ranges (CIDR) of the platform's shared MTAs: the address the
   * receiving side saw names the platform even behind a customer's own host
   * name (dedicated IPs with custom rDNS or HELO).
   */
  ipRanges?: string[];
  /** Click/open tracking and link-rewriting hosts seen in bodies (suffix match). */
  trackingDomains?: string[];
  /** Tracking host prefixes on the advertiser's own domain ("ablink."). */
  trackingPrefixes?: string[];
  /** Path fragments of tracking URLs that identify the tool even on a custom tracking domain. */
  trackingPaths?: string[];
  /**
   * Software the sender runs on its own server (MailWizz): paths of the abuse,
   * unsubscribe and tracking links it writes (anchored or led by a literal, no
   * nested quantifiers: they run on every link of every message).
   * Such an entry is named only when one of those links is on the registrable
   * domain that a vouched relay, a verified DKIM d= or an SPF-pass bounce
   * domain shows sent the message; a platform proven besides it wins.
   */
  selfHostedPaths?: RegExp[];
  accountId?: AccountIdRule[];
  /** How the fingerprint was checked, for the people who maintain the table. */
  source: string;
}

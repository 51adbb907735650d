/**
 * The objection cases as other capabilities read them (the evidence bundle,
 * issue 15): one case per advertiser and identity, each request as it was
 * sent (its bytes and its proof), the deadline, the status, the replies and
 * the violations. This interface is kept stable; what it does not say is
 * private to objections/.
 */

/** How a request reached the advertiser (or the authorities). */
export type ObjectionChannel = 'one-click' | 'mailto' | 'letter' | 'abuse-report' | 'signal-spam';

/** waiting: before the deadline; answered: a reply came; overdue: deadline passed with no
 * reply; violated: marketing came after the deadline; closed: the user closed it. */
export type CaseStatus = 'waiting' | 'answered' | 'overdue' | 'violated' | 'closed';

/** The journal's state of the request: `unknown` is never retried by itself. */
export type RequestState = 'pending' | 'done' | 'failed' | 'unknown';

/** What the other side answered: the proof a request was made. */
export type RequestProof =
  | {
      channel: 'one-click';
      /** The https URI the POST went to, and the address it connected to (checked public). */
      url: string;
      address: string;
      status: number;
      headers: Record<string, string>;
    }
  | {
      channel: 'mailto' | 'letter' | 'abuse-report';
      /** The Message-ID of the mail as sent, and the SMTP server's reply to it. */
      messageId: string;
      smtpResponse: string;
      /** Where the copy was appended (the account's Sent folder), when it was. */
      sentCopy: { folder: string; uid: number | null } | null;
    }
  | { channel: 'signal-spam'; status: number };

export interface SentRequest {
  id: number;
  /** The journal entry holding its intent and outcome. */
  journalEntryId: number;
  channel: ObjectionChannel;
  /** When the intent was written (ISO 8601): the date the request was made. */
  sentAt: string;
  /** Where it went: an email address, an https URI, the Signal Spam endpoint. */
  to: string;
  /** The bytes sent: the whole RFC 5322 message for mail, the request body for HTTP. */
  raw: Buffer;
  /** SHA-256 (hex) of `raw`. */
  rawSha256: string;
  language: 'fr' | 'en' | null;
  /** The reference token replies are matched on (letters and mail), else null. */
  referenceToken: string | null;
  /** A reminder: the id of the letter request it follows up; null for every other request. */
  followUpOf: number | null;
  state: RequestState;
  proof: RequestProof | null;
  error: { code: string; message: string } | null;
}

export interface CaseAdvertiser {
  /** Registrable domain, lowercase, as detection names advertisers. */
  domain: string;
  name: string | null;
  /** The router (ESP/platform) id as detection names it, and the advertiser's account there. */
  router: string | null;
  routerAccountId: string | null;
  /** The privacy/DPO contact a letter went to, if any. */
  privacyContact: string | null;
}

export interface CaseIdentity {
  accountId: string;
  /** The user's address that received the marketing (lowercase). */
  address: string;
}

export interface CaseReply {
  /** The store's message id (`messages.id`). */
  messageId: number;
  receivedAt: string;
  matchedBy: 'in-reply-to' | 'references' | 'token';
}

export interface CaseViolation {
  messageId: number;
  receivedAt: string;
  /** The raw source as stored at detection, byte for byte, and its SHA-256 (hex). */
  raw: Buffer;
  rawSha256: string;
  /** DKIM verified at once (keys rotate): the result and the signing domain, if any. */
  dkim: {
    result: string;
    domain: string | null;
    selector: string | null;
    checkedAt: string;
    /** The DNS TXT key record used, as found then (null when no key was fetched). */
    keyRecord: string | null;
  };
}

export interface ObjectionCase {
  id: number;
  advertiser: CaseAdvertiser;
  identity: CaseIdentity;
  openedAt: string;
  /** The messages the user objected to (store ids). */
  triggerMessageIds: number[];
  /** ISO 8601; null while no request succeeded. */
  deadline: string | null;
  /** Set when the user recorded the company's two-month extension (Art. 12(3)). */
  extendedDeadline: string | null;
  status: CaseStatus;
  requests: SentRequest[];
  replies: CaseReply[];
  violations: CaseViolation[];
}

/** Read-only view on the cases, for the evidence bundle and the screens. */
export interface ObjectionCasesReader {
  /** Every case, newest first; narrowed to one advertiser's registrable domain when given. */
  listCases(filter?: { advertiserDomain?: string }): ObjectionCase[];
  getCase(id: number): ObjectionCase | null;
}

/**
 * DKIM at receipt: for messages that are (or may become) evidence, the source
 * is fetched once (sources/), verified at once, and the result kept with the
 * key record used and the time; SPF and DMARC are checked with it where the
 * headers allow (spf-dmarc.ts). The background pass takes a bounded number
 * of pending messages after each detection, as a read-only job.
 */
import { createHash } from 'node:crypto';
import type { SpfDmarcCheck } from '../../shared/api/evidence.js';
import type { JobQueue } from '../jobs/index.js';
import type { SourcesService } from '../sources/index.js';
import type { AuthenticationRow, AuthenticationStore } from './authentication.sql.js';
import { verifyDkim, type DkimSignatureCheck, type TxtResolver } from './dkim.js';
import { receivedAuthResults } from './received-results.js';
import { checkSpfDmarc } from './spf-dmarc.js';

/**
 * Unsolicited with more likely than not: worth proving before the sender's key rotates. Lower
 * than the action threshold on purpose: a check acts on nothing, and a key once rotated is lost.
 */
export const EVIDENCE_MIN_SCORE = 0.5;
/** The most messages one background pass verifies (the rest wait for the next pass). */
export const PENDING_PER_PASS = 200;
/** The job kind and the queue name evidence work runs under (not an account's). */
export const EVIDENCE_QUEUE = 'evidence';
export const AUTHENTICATION_JOB = 'evidence.authenticate';

/** What is kept of a message's authentication. */
export interface KeptAuthentication {
  messageId: number;
  sourceSha256: string;
  dkimResult: string;
  dkimDomain: string | null;
  dkimSelector: string | null;
  dkimKeyRecord: string | null;
  signatures: DkimSignatureCheck[];
  /** The receiving server's Authentication-Results fields, as received. */
  receivedResults: string[];
  verifiedAt: string;
  /** Our SPF/DMARC check (null until made: kept before it existed, checked by the next pass). */
  spfDmarc: SpfDmarcCheck | null;
}

export interface AuthenticationService {
  /**
   * Keeps each message's DKIM verification and SPF/DMARC check, fetching its source first
   * when it is not kept; a message verified already keeps its first result (one kept before
   * SPF/DMARC existed gets that check added). Messages whose source cannot be had are left out.
   */
  authenticate(messageIds: readonly number[]): Promise<KeptAuthentication[]>;
  /** One background pass over pending messages (bounded); how many were verified. */
  authenticatePending(): Promise<number>;
  kept(messageId: number): KeptAuthentication | null;
}

export interface AuthenticationOptions {
  store: AuthenticationStore;
  sources: Pick<SourcesService, 'fetch' | 'stored'>;
  jobs: Pick<JobQueue, 'run'>;
  /** The DNS cache over the system's resolver (tests: over a resolver they control). */
  resolver: TxtResolver;
  perPass?: number;
}

export function createAuthenticationService(o: AuthenticationOptions): AuthenticationService {
  async function authenticate(messageIds: readonly number[]): Promise<KeptAuthentication[]> {
    const ids = [...new Set(messageIds)];
    const toCheck = ids.filter((id) => !o.store.get(id)?.spfDmarc);
    const toFetch = toCheck.filter((id) => !o.store.get(id) || !o.sources.stored(id));
    if (toFetch.length) await o.sources.fetch(toFetch);
    for (const id of toCheck) {
      const raw = o.sources.stored(id);
      if (!raw) continue;
      const row = o.store.get(id);
      if (!row) o.store.save(await verifiedRow(id, raw, o.resolver));
      else {
        const signatures = JSON.parse(row.signatures) as DkimSignatureCheck[];
        o.store.saveSpfDmarc(id, await checkSpfDmarc(raw, signatures, o.resolver));
      }
    }
    return ids.flatMap((id) => {
      const k = kept(o.store, id);
      return k ? [k] : [];
    });
  }

  return {
    authenticate,
    async authenticatePending() {
      const ids = o.store.pending(EVIDENCE_MIN_SCORE, o.perPass ?? PENDING_PER_PASS);
      if (ids.length === 0) return 0;
      const job = o.jobs.run(
        EVIDENCE_QUEUE,
        AUTHENTICATION_JOB,
        async (ctx) => {
          ctx.progress(0, ids.length);
          const done = await authenticate(ids);
          ctx.progress(ids.length, ids.length);
          return done.length;
        },
        { concurrent: true },
      );
      return job.done;
    },
    kept: (messageId) => kept(o.store, messageId),
  };
}

async function verifiedRow(
  messageId: number,
  raw: Buffer,
  resolver: TxtResolver,
): Promise<AuthenticationRow> {
  const dkim = await verifyDkim(raw, resolver);
  const spfDmarc = await checkSpfDmarc(raw, dkim.signatures, resolver);
  const received = receivedAuthResults(raw);
  return {
    messageId,
    sourceSha256: createHash('sha256').update(raw).digest('hex'),
    dkimResult: dkim.result,
    dkimDomain: dkim.best?.domain ?? null,
    dkimSelector: dkim.best?.selector ?? null,
    dkimKeyRecord: dkim.best?.keyRecord ?? null,
    signatures: JSON.stringify(dkim.signatures),
    receivedResults: received.length ? JSON.stringify(received) : null,
    verifiedAt: dkim.verifiedAt,
    spfDmarc,
  };
}

function kept(store: AuthenticationStore, messageId: number): KeptAuthentication | null {
  const row = store.get(messageId);
  if (!row) return null;
  return {
    ...row,
    signatures: JSON.parse(row.signatures) as DkimSignatureCheck[],
    receivedResults: row.receivedResults ? (JSON.parse(row.receivedResults) as string[]) : [],
  };
}

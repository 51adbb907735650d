/**
 * Checks a bundle as whoever receives it would: every hash recomputed against
 * the manifest and SHA256SUMS, and every DKIM verification repeated offline
 * from the key record kept with it (no DNS: the key may be rotated since), as
 * of the time it was first made. SPF and DMARC cannot be repeated offline
 * (they need DNS as it was): what was kept is reported as such. Reads a
 * folder or the ZIP.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { AppError } from '../errors.js';
import type { DkimSignatureCheck } from './dkim.js';
import { verifyDkimOffline } from './dkim.js';
import {
  checkIntegrity,
  readerOf,
  type BundleFiles,
  type BundleReader,
  type IntegrityReport,
} from './manifest.js';

export interface DkimRecheck {
  /** The authentication/ record and the message file it is about. */
  record: string;
  file: string;
  /** What was found at receipt, and what the offline repeat finds now. */
  kept: string;
  now: string;
}

/** SPF/DMARC as kept: not repeatable offline (SPF and DMARC need DNS as it was then). */
export interface SpfDmarcKept {
  record: string;
  file: string;
  spf: string | null;
  spfReason: string | null;
  dmarc: string | null;
  dmarcReason: string | null;
  dmarcPolicy: string | null;
  checkedAt: string;
}

export interface BundleVerification extends IntegrityReport {
  dkim: DkimRecheck[];
  spfDmarc: SpfDmarcKept[];
  /** True when every file is intact and every DKIM pass kept still passes. */
  ok: boolean;
}

export async function verifyBundle(location: string): Promise<BundleVerification> {
  return verifyFiles(readBundle(location));
}

export async function verifyFiles(files: BundleReader): Promise<BundleVerification> {
  const integrity = checkIntegrity(files);
  const dkim: DkimRecheck[] = [];
  const spfDmarc: SpfDmarcKept[] = [];
  for (const p of files.paths()) {
    if (!p.startsWith('authentication/') || !p.endsWith('.json')) continue;
    const bytes = files.read(p);
    const kept = bytes && readRecord(bytes);
    if (!kept) continue;
    const recheck = await recheckDkim(p, kept, files);
    if (recheck) dkim.push(recheck);
    const s = kept.spfDmarc;
    if (kept.file && s?.checkedAt)
      spfDmarc.push({
        record: p,
        file: kept.file,
        spf: s.spf?.result ?? null,
        spfReason: s.spf?.notCheckable ?? null,
        dmarc: s.dmarc?.result ?? null,
        dmarcReason: s.dmarc?.notCheckable ?? null,
        dmarcPolicy: s.dmarc?.policy ?? null,
        checkedAt: s.checkedAt,
      });
  }
  const dkimBroken = dkim.filter((d) => d.kept === 'pass' && d.now !== 'pass');
  return {
    ...integrity,
    dkim,
    spfDmarc,
    ok: integrity.problems.length === 0 && dkimBroken.length === 0,
  };
}

interface KeptRecord {
  file?: string;
  verifiedAt?: string;
  dkim?: { result?: string; signatures?: DkimSignatureCheck[] };
  spfDmarc?: {
    checkedAt?: string;
    spf?: { result?: string | null; notCheckable?: string | null };
    dmarc?: { result?: string | null; notCheckable?: string | null; policy?: string | null };
  } | null;
}

function readRecord(bytes: Buffer): KeptRecord | null {
  try {
    return JSON.parse(bytes.toString('utf8')) as KeptRecord;
  } catch {
    // An unreadable record is the integrity check's to report (its hash no longer matches).
    return null;
  }
}

async function recheckDkim(
  recordPath: string,
  kept: KeptRecord,
  files: BundleReader,
): Promise<DkimRecheck | null> {
  const raw = kept.file ? files.read(kept.file) : undefined;
  if (!kept.file || !raw || !kept.dkim?.result || !kept.verifiedAt) return null;
  const records = new Map(
    (kept.dkim.signatures ?? []).flatMap((s) =>
      s.keyName && s.keyRecord ? [[s.keyName, s.keyRecord] as const] : [],
    ),
  );
  const now = await verifyDkimOffline(raw, records, new Date(kept.verifiedAt));
  return { record: recordPath, file: kept.file, kept: kept.dkim.result, now: now.result };
}

/** A bundle's files from its folder (read when asked) or its ZIP; INVALID_INPUT when neither. */
export function readBundle(location: string): BundleReader {
  let st;
  try {
    st = statSync(location);
  } catch {
    throw new AppError('NOT_FOUND', `${location} does not exist.`);
  }
  if (st.isDirectory()) return readFolder(location);
  const bytes = readFileSync(location);
  // "PK\x03\x04": a ZIP's local file header.
  if (bytes.readUInt32LE(0) !== 0x04034b50)
    throw new AppError('INVALID_INPUT', `${location} is neither a bundle folder nor a ZIP.`);
  const entries = Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/'));
  // The bundle's files sit under one top folder (the bundle's name): read them from it.
  const top = /^[^/]+\//.exec(entries[0]?.[0] ?? '')?.[0] ?? '';
  const under = top !== '' && entries.every(([name]) => name.startsWith(top));
  const files: BundleFiles = new Map(
    entries.map(([name, data]) => [under ? name.slice(top.length) : name, Buffer.from(data)]),
  );
  return readerOf(files);
}

function readFolder(dir: string): BundleReader {
  const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  const listed = new Set(paths);
  return {
    paths: () => paths,
    read: (p) => (listed.has(p) ? readIfThere(path.join(dir, ...p.split('/'))) : undefined),
  };
}

/** A file removed since the folder was listed is missing, as if it had never been there. */
function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return undefined;
    throw err;
  }
}

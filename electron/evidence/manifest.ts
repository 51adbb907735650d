/**
 * The bundle's seal: `manifest.json` (every file with its SHA-256 and size,
 * and the time the bundle was made) and `SHA256SUMS` (the same hashes in the
 * format `sha256sum -c` reads, the manifest's own included), and the check
 * that recomputes both and names every file that was altered, removed or added.
 */
import { createHash } from 'node:crypto';

export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';
export const BUNDLE_FORMAT = 'inbox-guard-evidence/1';

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  createdAt: string;
  advertiser: string;
  files: ManifestEntry[];
}

/** A bundle's files by path ('/' separated, relative to its folder). */
export type BundleFiles = Map<string, Buffer>;

/**
 * A bundle as the check reads it: its paths, and each file's bytes when asked (a folder's read
 * from disk then, one at a time, so a large bundle is checked without holding it in memory).
 */
export interface BundleReader {
  paths(): readonly string[];
  read(path: string): Buffer | undefined;
}

export function readerOf(files: BundleFiles): BundleReader {
  return { paths: () => [...files.keys()], read: (p) => files.get(p) };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Adds manifest.json and SHA256SUMS over every file already in `files`. */
export function seal(files: BundleFiles, advertiser: string, createdAt: string): void {
  const entries = [...files].map(([p, bytes]) => ({
    path: p,
    sha256: sha256(bytes),
    size: bytes.length,
  }));
  for (const [p, bytes] of sealOf(entries, advertiser, createdAt)) files.set(p, bytes);
}

/** manifest.json and SHA256SUMS over the files written (their hashes taken as they were). */
export function sealOf(
  written: readonly ManifestEntry[],
  advertiser: string,
  createdAt: string,
): BundleFiles {
  const entries = [...written].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = { format: BUNDLE_FORMAT, createdAt, advertiser, files: entries };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  const sums = [...entries.map((e) => [e.sha256, e.path]), [sha256(manifestBytes), MANIFEST_FILE]]
    .map(([hash, p]) => `${hash}  ${p}\n`)
    .join('');
  return new Map([
    [MANIFEST_FILE, manifestBytes],
    [SUMS_FILE, Buffer.from(sums)],
  ]);
}

export type FileProblem = 'altered' | 'missing' | 'unexpected';

export interface IntegrityReport {
  manifest: Manifest | null;
  /** Files whose hash and size match the manifest and SHA256SUMS. */
  intact: string[];
  problems: Array<{ path: string; problem: FileProblem; detail: string }>;
}

/** Recomputes every hash; a bundle without a readable manifest has every file unexplained. */
export function checkIntegrity(files: BundleReader): IntegrityReport {
  const problems: IntegrityReport['problems'] = [];
  const manifestBytes = files.read(MANIFEST_FILE);
  const manifest = readManifest(manifestBytes);
  if (!manifest) {
    problems.push({
      path: MANIFEST_FILE,
      problem: manifestBytes ? 'altered' : 'missing',
      detail: 'the manifest is absent or unreadable: nothing in the bundle can be checked',
    });
    return { manifest: null, intact: [], problems };
  }
  const sums = readSums(files.read(SUMS_FILE));
  if (!sums) problems.push({ path: SUMS_FILE, problem: 'missing', detail: 'SHA256SUMS is absent' });
  const intact: string[] = [];
  const expected: ManifestEntry[] = [
    ...manifest.files,
    ...(sums?.has(MANIFEST_FILE)
      ? [{ path: MANIFEST_FILE, sha256: sums.get(MANIFEST_FILE)!, size: -1 }]
      : []),
  ];
  for (const e of expected) {
    const bytes = files.read(e.path);
    if (!bytes) {
      problems.push({ path: e.path, problem: 'missing', detail: 'listed in the manifest, absent' });
      continue;
    }
    const actual = sha256(bytes);
    const listed = sums?.get(e.path);
    if (actual !== e.sha256 || (e.size >= 0 && bytes.length !== e.size))
      problems.push({
        path: e.path,
        problem: 'altered',
        detail: `SHA-256 ${actual} (${bytes.length} bytes), manifest says ${e.sha256} (${e.size} bytes)`,
      });
    else if (sums && listed !== e.sha256)
      problems.push({
        path: e.path,
        problem: 'altered',
        detail: 'SHA256SUMS disagrees with the manifest',
      });
    else intact.push(e.path);
  }
  const known = new Set([...expected.map((e) => e.path), SUMS_FILE]);
  for (const p of files.paths())
    if (!known.has(p))
      problems.push({ path: p, problem: 'unexpected', detail: 'not listed in the manifest' });
  return { manifest, intact, problems };
}

function readManifest(bytes: Buffer | undefined): Manifest | null {
  if (!bytes) return null;
  try {
    const m = JSON.parse(bytes.toString('utf8')) as Partial<Manifest>;
    return m.format === BUNDLE_FORMAT && Array.isArray(m.files) ? (m as Manifest) : null;
  } catch {
    // Not JSON: reported as altered by the caller.
    return null;
  }
}

function readSums(bytes: Buffer | undefined): Map<string, string> | null {
  if (!bytes) return null;
  const sums = new Map<string, string>();
  for (const line of bytes.toString('utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m) sums.set(m[2]!, m[1]!);
  }
  return sums;
}

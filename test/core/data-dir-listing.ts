/** Every path in a data folder with its type, mode and content hash: what a test compares. */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface Entry {
  /** Relative to the data folder; '.' is the folder itself. */
  path: string;
  type: 'dir' | 'file' | 'symlink' | 'other';
  /** Permission bits, as octal text ('600'). */
  mode: string;
  sha256?: string;
}

export function listDataDir(dir: string): Entry[] {
  const out: Entry[] = [];
  const visit = (rel: string) => {
    const full = path.join(dir, rel);
    const st = lstatSync(full);
    const mode = (st.mode & 0o777).toString(8);
    if (st.isDirectory()) {
      out.push({ path: rel, type: 'dir', mode });
      for (const name of readdirSync(full).sort()) visit(rel === '.' ? name : path.join(rel, name));
    } else if (st.isFile()) {
      const sha256 = createHash('sha256').update(readFileSync(full)).digest('hex');
      out.push({ path: rel, type: 'file', mode, sha256 });
    } else {
      out.push({ path: rel, type: st.isSymbolicLink() ? 'symlink' : 'other', mode });
    }
  };
  visit('.');
  return out;
}

/** path → mode, for the assertions on modes. */
export function modes(dir: string): Record<string, string> {
  return Object.fromEntries(listDataDir(dir).map((e) => [e.path, e.mode]));
}

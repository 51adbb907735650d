/**
 * The licences of what the app ships, read at build time from package-lock.json
 * (every package not marked dev) and, where the lock names no licence, from the
 * package's own package.json (`license`, or the old `licenses` list). The
 * renderer's build turns it into a module (vite.config.ts); nothing is typed
 * by hand, so a new dependency appears in "About" by itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface DependencyLicence {
  name: string;
  version: string;
  /** An SPDX expression as the package states it; null when it states none. */
  licence: string | null;
}

interface LockPackage {
  version?: string;
  license?: string;
  dev?: boolean;
  /** A dev dependency that a runtime one names as an optional peer (TypeScript for i18next). */
  devOptional?: boolean;
  /** Installed only where it fits (esbuild's binary for each platform). */
  optional?: boolean;
  link?: boolean;
}

export function shippedLicences(root: string): DependencyLicence[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, LockPackage>;
  };
  if (!lock.packages)
    throw new Error('package-lock.json has no "packages" (lockfile v2 or later needed).');
  const byName = new Map<string, DependencyLicence>();
  for (const [where, p] of Object.entries(lock.packages)) {
    // "" is the app itself; dev-only packages are not shipped.
    if (where === '' || p.dev || p.devOptional || p.link) continue;
    // An optional package for another platform is not on this machine, nor in what it ships.
    if (p.optional && !existsSync(path.join(root, where))) continue;
    const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const version = p.version ?? '';
    const licence = p.license ?? licenceInPackage(path.join(root, where));
    byName.set(`${name}@${version}`, { name, version, licence });
  }
  return [...byName.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

function licenceInPackage(dir: string): string | null {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return null;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
    license?: string | { type?: string };
    licenses?: Array<{ type?: string }>;
  };
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  const types = (pkg.licenses ?? []).flatMap((l) => (l.type ? [l.type] : []));
  return types.length ? types.join(' OR ') : null;
}

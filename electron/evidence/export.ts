/**
 * Exports one case: its facts, each message's source and DKIM kept first
 * (fetched now when they were not), the bundle assembled, then written as a
 * folder and as a ZIP beside it, both private to the user. Progress goes to
 * the caller (the API runs it as a job; the CLI prints it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { AppError } from '../errors.js';
import type { AuthenticationService } from './authentication.js';
import {
  assembleBundle,
  type BundleLang,
  type CaseMaterial,
  type DocumentWriter,
} from './bundle.js';
import type { CaseFactsSource, CaseQuery } from './case-facts.js';
import type { BundleFiles } from './manifest.js';

export interface ExportRequest {
  query: CaseQuery;
  lang: BundleLang;
  /** The folder the bundle's folder and ZIP are written into. */
  outDir: string;
}

export interface ExportedBundle {
  advertiser: string;
  folder: string;
  zip: string;
  files: number;
  messages: number;
  violations: number;
  createdAt: string;
}

export type ExportProgress = (done: number, total: number, step: string) => void;

export interface CaseExporter {
  exportCase(req: ExportRequest, progress?: ExportProgress): Promise<ExportedBundle>;
}

export interface CaseExporterOptions {
  facts: CaseFactsSource;
  material: Omit<CaseMaterial, 'authentication'>;
  authentication: Pick<AuthenticationService, 'authenticate' | 'kept'>;
  documents: DocumentWriter[];
  /** Keeps the case's messages after they leave the server (the writer thread's). */
  markEvidence(messageIds: number[], reason: string): Promise<void>;
  now?: () => Date;
}

export function createCaseExporter(o: CaseExporterOptions): CaseExporter {
  return {
    async exportCase(req, progress = () => undefined) {
      const facts = o.facts.caseFacts(req.query);
      if (!facts)
        throw new AppError(
          'NOT_FOUND',
          `No marketing from ${req.query.advertiser} is in the store for this case.`,
        );
      const ids = [...facts.messages, ...facts.replies];
      await o.markEvidence(ids, `case ${facts.advertiser.domain}`);
      const total = ids.length + 2;
      progress(0, total, 'sources');
      // Sources and DKIM in groups, so a large case reports as it goes.
      for (let i = 0; i < ids.length; i += 50) {
        await o.authentication.authenticate(ids.slice(i, i + 50));
        progress(Math.min(i + 50, ids.length), total, 'sources');
      }
      const createdAt = (o.now?.() ?? new Date()).toISOString();
      const { files } = await assembleBundle(
        facts,
        { ...o.material, authentication: (id) => o.authentication.kept(id) },
        { lang: req.lang, createdAt, documents: o.documents },
      );
      progress(ids.length + 1, total, 'writing');
      const name = `inbox-guard-${facts.advertiser.domain}-${createdAt.slice(0, 19).replace(/[:T]/g, '-')}`;
      const folder = path.join(req.outDir, name);
      const zip = `${folder}.zip`;
      writeFolder(folder, files);
      writeFileSync(zip, zipOf(name, files), { mode: 0o600, flag: 'wx' });
      progress(total, total, 'done');
      return {
        advertiser: facts.advertiser.domain,
        folder,
        zip,
        files: files.size,
        messages: facts.messages.length,
        violations: facts.violations.length,
        createdAt,
      };
    },
  };
}

/** A new folder (an existing one is never written into), private: the files are the user's mail. */
function writeFolder(folder: string, files: BundleFiles): void {
  mkdirSync(path.dirname(folder), { recursive: true, mode: 0o700 });
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST')
      throw new AppError('CONFLICT', `${folder} exists already; export again in a moment.`);
    throw err;
  }
  for (const [p, bytes] of files) {
    const full = path.join(folder, ...p.split('/'));
    mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
    writeFileSync(full, bytes, { mode: 0o600, flag: 'wx' });
  }
}

/** The same files under one top folder, as a person unzipping expects. */
function zipOf(name: string, files: BundleFiles): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [p, bytes] of files) entries[`${name}/${p}`] = bytes;
  return zipSync(entries, { level: 6 });
}

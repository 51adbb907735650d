/**
 * Exports one case: its facts, each message's source and authentication kept
 * first (fetched now when they were not), then the bundle's files written one
 * by one into a new folder and a streamed ZIP beside it, both private to the
 * user, the seal (manifest.json, SHA256SUMS) last. Progress goes to the caller
 * (the API runs it as a job; the CLI prints it): messages prepared, then files
 * written, each out of their total. Cancelled or failed, it leaves nothing.
 */
import { AppError } from '../errors.js';
import type { AuthenticationService } from './authentication.js';
import { openBundleSink } from './bundle-sink.js';
import { planBundle, type BundleLang, type CaseMaterial, type DocumentWriter } from './bundle.js';
import type { CaseFactsSource, CaseQuery } from './case-facts.js';
import { sealOf, type ManifestEntry } from './manifest.js';

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

/** The steps a progress report names: messages prepared, then the bundle's files written. */
export type ExportStep = 'sources' | 'files';
export type ExportProgress = (done: number, total: number, step: ExportStep) => void;

export interface ExportOptions {
  progress?: ExportProgress;
  /** Aborted when the user cancels: the export stops and removes what it wrote. */
  signal?: AbortSignal;
}

export interface CaseExporter {
  exportCase(req: ExportRequest, options?: ExportOptions): Promise<ExportedBundle>;
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

/** Messages whose sources and authentication are fetched and kept per step. */
const SOURCES_PER_STEP = 50;

export function createCaseExporter(o: CaseExporterOptions): CaseExporter {
  return {
    async exportCase(req, { progress = () => undefined, signal } = {}) {
      const facts = o.facts.caseFacts(req.query);
      if (!facts)
        throw new AppError(
          'NOT_FOUND',
          `No marketing from ${req.query.advertiser} is in the store for this case.`,
        );
      const ids = [...facts.messages, ...facts.replies];
      await o.markEvidence(ids, `case ${facts.advertiser.domain}`);
      progress(0, ids.length, 'sources');
      for (let i = 0; i < ids.length; i += SOURCES_PER_STEP) {
        stopIfCancelled(signal);
        await o.authentication.authenticate(ids.slice(i, i + SOURCES_PER_STEP));
        progress(Math.min(i + SOURCES_PER_STEP, ids.length), ids.length, 'sources');
      }
      stopIfCancelled(signal);
      const createdAt = (o.now?.() ?? new Date()).toISOString();
      const plan = await planBundle(
        facts,
        { ...o.material, authentication: (id) => o.authentication.kept(id) },
        { lang: req.lang, createdAt, documents: o.documents },
      );
      const name = `inbox-guard-${facts.advertiser.domain}-${createdAt.slice(0, 19).replace(/[:T]/g, '-')}`;
      const sink = openBundleSink(req.outDir, name);
      const total = plan.files.length + 2;
      try {
        const written: ManifestEntry[] = [];
        for (const file of plan.files) {
          stopIfCancelled(signal);
          written.push(await sink.add(file.path, file.bytes()));
          progress(written.length, total, 'files');
        }
        stopIfCancelled(signal);
        // The seal last: a bundle without it never claims to be complete.
        let done = written.length;
        for (const [p, bytes] of sealOf(written, facts.advertiser.domain, createdAt)) {
          await sink.add(p, bytes);
          progress(++done, total, 'files');
        }
        await sink.finish();
      } catch (err) {
        await sink.discard();
        throw err;
      }
      return {
        advertiser: facts.advertiser.domain,
        folder: sink.folder,
        zip: sink.zip,
        files: total,
        messages: facts.messages.length,
        violations: facts.violations.length,
        createdAt,
      };
    },
  };
}

function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new AppError('CANCELLED', 'The export was cancelled; nothing was kept.');
}

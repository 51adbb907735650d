/**
 * Evidence for a complaint (issue 15): DKIM kept at receipt, the case's facts,
 * the bundle (folder and ZIP with its manifest), its verification, the report.
 */
import type { AccountsStore } from '../accounts/accounts.sql.js';
import type { JobQueue } from '../jobs/index.js';
import type { MessagesReader } from '../mailbox/messages.sql.js';
import type { ObjectionCasesReader } from '../objections/index.js';
import type { PlatformFiles } from '../platform/files.js';
import type { SourcesService } from '../sources/index.js';
import { createAuthenticationService } from './authentication.js';
import type { AuthenticationStore } from './authentication.sql.js';
import type { DocumentWriter } from './bundle.js';
import { buildCaseFacts } from './case-facts.js';
import type { CasesReader } from './cases.sql.js';
import type { TxtResolver } from './dkim.js';
import { createCachedResolver, systemTxtResolver } from './dns-cache.js';
import { writeCnilText } from './cnil-text.js';
import { createCaseExporter } from './export.js';
import type { EvidenceHandlerDeps } from './handlers.js';

/** What the core holds of evidence: what its handlers need, and the background DKIM pass. */
export type EvidenceServices = EvidenceHandlerDeps;

export interface EvidenceOptions {
  store: AuthenticationStore;
  cases: CasesReader;
  mailbox: Pick<MessagesReader, 'getMessage'>;
  accounts: Pick<AccountsStore, 'get'>;
  /** The objections capability's cases: requests as sent, deadlines, replies, violations. */
  objections: ObjectionCasesReader;
  sources: Pick<SourcesService, 'fetch' | 'stored'>;
  jobs: Pick<JobQueue, 'run'>;
  files: Pick<PlatformFiles, 'saveFile'>;
  exportsDir: string;
  /** DNS for DKIM keys, behind the store's cache; the system's resolver by default. */
  resolver?: TxtResolver;
  /** The report and the CNIL text (empty: the bundle without them). */
  documents?: DocumentWriter[];
  /** Keeps messages after they leave the server (the writer thread holds that table). */
  markEvidence(messageIds: number[], reason: string): Promise<void>;
}

export function createEvidenceServices(o: EvidenceOptions): EvidenceServices {
  const resolver = createCachedResolver(o.store, o.resolver ?? systemTxtResolver);
  const authentication = createAuthenticationService({
    store: o.store,
    sources: o.sources,
    jobs: o.jobs,
    resolver,
  });
  const exporter = createCaseExporter({
    facts: { caseFacts: (q) => buildCaseFacts(o, q) },
    material: { message: (id) => o.mailbox.getMessage(id), raw: (id) => o.sources.stored(id) },
    authentication,
    documents: o.documents ?? [],
    markEvidence: o.markEvidence,
  });
  return {
    cases: o.cases,
    authentication,
    exporter,
    jobs: o.jobs,
    files: o.files,
    exportsDir: o.exportsDir,
  };
}

export { createAuthenticationStore, type AuthenticationStore } from './authentication.sql.js';
export { createCasesStore, type CasesReader } from './cases.sql.js';
export { evidenceHandlers } from './handlers.js';
export type { TxtResolver } from './dkim.js';
export type { KeptAuthentication, AuthenticationService } from './authentication.js';
export type { CaseFacts, CaseQuery, CaseFactsSource, SentObjection } from './case-facts.js';

/** The documents every bundle carries beside the originals (the report, the CNIL text). */
export function evidenceDocuments(): DocumentWriter[] {
  return [writeReportPdfLazily, writeCnilText];
}

/** pdfkit and its fonts' metrics take about 20 MB: loaded when a report is first made. */
const writeReportPdfLazily: DocumentWriter = async (doc) =>
  (await import('./report-pdf.js')).writeReportPdf(doc);

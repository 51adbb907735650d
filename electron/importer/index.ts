/**
 * Local, read-only imports: the bundled demo mailbox, a user's .mbox file or
 * folder of .eml files. Each becomes a local account whose folders mirror the
 * source; importing the same source again adds nothing twice. Only what looks
 * like mail is imported; everything else is reported with its reason, and an
 * import that found nothing to import fails without creating anything.
 */
import path from 'node:path';
import type { ImportReport } from '../../shared/types.js';
import { AppError } from '../errors.js';
import { LocalImport, type ImportStores } from './local-import.js';
import { readSourceEntries } from './sources.js';

export { readMessageSources, readSourceEntries, type MessageSource } from './sources.js';
export { looksLikeMail, whyNotMail } from './looks-like-mail.js';
export type { ImportStores } from './local-import.js';

export interface LocalImportOptions {
  origin: string;
  name: string;
  email: string;
}

/** Imports a local source into the store; IMPORT_FAILED when nothing in it was mail. */
export async function importInto(
  stores: ImportStores,
  inputPath: string,
  options: LocalImportOptions,
): Promise<ImportReport> {
  const run = new LocalImport(options, stores);
  let report: ImportReport;
  try {
    for await (const entry of readSourceEntries(inputPath)) await run.add(entry);
    report = await run.finish();
  } finally {
    await run.end();
  }
  if (run.messagesFound === 0)
    throw new AppError('IMPORT_FAILED', nothingImported(inputPath, report));
  return report;
}

/** The error of an import that found no message: the first reasons, so the person can act. */
function nothingImported(inputPath: string, report: ImportReport): string {
  if (report.skipped.length === 0) return `No message was found in ${inputPath}.`;
  const shown = report.skipped.slice(0, 3).map((s) => `${s.source}: ${s.reason}`);
  const more = report.skipped.length - shown.length;
  return `Nothing was imported from ${inputPath}. ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}.`;
}

export function describeLocalSource(inputPath: string): LocalImportOptions {
  const absolute = path.resolve(inputPath);
  return { origin: absolute, name: path.basename(absolute), email: '' };
}

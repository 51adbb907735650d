/** The evidence slice of the API: cases, DKIM kept at receipt, export, check, delivery. */
import path from 'node:path';
import type { evidenceCalls } from '../../shared/api/evidence.js';
import type { BundleCheck } from '../../shared/api/evidence.js';
import type { Handlers } from '../../shared/api/define.js';
import { AppError } from '../errors.js';
import type { JobQueue } from '../jobs/index.js';
import type { PlatformFiles } from '../platform/files.js';
import { EVIDENCE_QUEUE, type AuthenticationService } from './authentication.js';
import type { CasesReader } from './cases.sql.js';
import type { CaseExporter } from './export.js';
import { verifyBundle, type BundleVerification } from './verify-bundle.js';

export const EXPORT_JOB = 'evidence.export';
const MAX_CASES = 500;

export interface EvidenceHandlerDeps {
  cases: Pick<CasesReader, 'cases'>;
  authentication: AuthenticationService;
  exporter: CaseExporter;
  jobs: Pick<JobQueue, 'run'>;
  files: Pick<PlatformFiles, 'saveFile'>;
  /** The data folder's exports/, where bundles are written. */
  exportsDir: string;
}

export function evidenceHandlers(d: EvidenceHandlerDeps): Handlers<typeof evidenceCalls> {
  const bundlePath = (name: string) => path.join(d.exportsDir, name);
  return {
    'evidence.cases': () => d.cases.cases(MAX_CASES),
    'evidence.authenticate': async ({ ids }) =>
      (await d.authentication.authenticate(ids)).map(({ signatures: _s, ...kept }) => kept),
    'evidence.export': async ({ advertiser, lang, identity, since, until }) => {
      const job = d.jobs.run(
        EVIDENCE_QUEUE,
        EXPORT_JOB,
        (ctx) =>
          d.exporter.exportCase(
            { query: { advertiser, identity, since, until }, lang, outDir: d.exportsDir },
            {
              progress: (done, total, step) => ctx.progress(done, total, step),
              signal: ctx.signal,
            },
          ),
        { concurrent: true },
      );
      const exported = await job.done;
      return {
        ...exported,
        bundle: path.basename(exported.folder),
        check: checkOf(await verifyBundle(exported.folder)),
      };
    },
    'evidence.verify': async ({ bundle }) => checkOf(await verifyBundle(bundlePath(bundle))),
    'evidence.saveZip': ({ bundle }) => {
      const zip = `${bundlePath(bundle)}.zip`;
      if (!zip.startsWith(d.exportsDir + path.sep))
        throw new AppError('INVALID_INPUT', 'Not a bundle of this data folder.');
      return d.files.saveFile({ name: `${bundle}.zip`, type: 'application/zip', path: zip });
    },
  };
}

export function checkOf(v: BundleVerification): BundleCheck {
  return {
    ok: v.ok,
    intact: v.intact.length,
    problems: v.problems,
    dkim: v.dkim.map(({ file, kept, now }) => ({ file, kept, now })),
    spfDmarc: v.spfDmarc.map(({ file, spf, dmarc, checkedAt }) => ({
      file,
      spf,
      dmarc,
      checkedAt,
    })),
  };
}

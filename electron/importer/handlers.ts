/** The import slice of the API: the demo mailbox, and the user's mbox files and .eml folders. */
import type { Handlers } from '../../shared/api/define.js';
import type { importCalls } from '../../shared/api/import.js';
import type { CoreEvent, ImportReport } from '../../shared/types.js';
import type { ImportSourceKind } from '../platform/files.js';
import {
  describeLocalSource,
  importInto,
  type ImportStores,
  type LocalImportOptions,
} from './index.js';

/** The demo's local account is found by this origin. */
export const DEMO_ORIGIN = 'demo';

export interface ImportHandlerDeps {
  /** What an import writes into (see docs/architecture.md, the store interface). */
  stores: ImportStores;
  /** The bundled demo mailbox's folder. */
  demoDir: string;
  /** Classifies what has no verdict yet: what the import added. */
  classifyPending(): Promise<unknown>;
  /** The system's open dialog: the chosen path, or null when the user closed it. */
  chooseImportSource(kind: ImportSourceKind): Promise<string | null>;
  emit(event: CoreEvent): void;
}

export function importHandlers(d: ImportHandlerDeps): Handlers<typeof importCalls> {
  /** Imports a local mailbox (every check is the importer's), then classifies what it added. */
  async function importAndClassify(inputPath: string, source: LocalImportOptions) {
    const report: ImportReport = await importInto(d.stores, inputPath, source);
    await d.classifyPending();
    d.emit({ type: 'accounts.changed' });
    d.emit({ type: 'messages.changed', accountId: report.accountId });
    return report;
  }

  return {
    'demo.load': () =>
      importAndClassify(d.demoDir, {
        origin: DEMO_ORIGIN,
        name: 'Démo — Camille Martin',
        email: 'camille.martin@gmail.com',
      }),
    'import.local': ({ path }) => importAndClassify(path, describeLocalSource(path)),
    'import.choose': async ({ kind }) => {
      const chosen = await d.chooseImportSource(kind);
      return {
        report:
          chosen === null ? null : await importAndClassify(chosen, describeLocalSource(chosen)),
      };
    },
  };
}

/** Local sources: the bundled demo, and the user's .mbox files and .eml folders, read-only. */
import { z } from 'zod';
import type { ImportChoice, ImportReport } from '../types.js';
import { call } from './define.js';
import { empty } from './schemas.js';

export const importCalls = {
  /** Loads the bundled demo mailbox (idempotent). */
  'demo.load': call<ImportReport>()(empty),
  /** Imports an .mbox file, an .eml file or a folder of .eml files, read-only. */
  'import.local': call<ImportReport>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /**
   * The desktop app's system open dialog (a file, or a folder of .eml files), then the same
   * import as `import.local`. Serve mode has no dialog: its UI asks for the path.
   */
  'import.choose': call<ImportChoice>()(z.object({ kind: z.enum(['file', 'folder']) }).strict()),
} as const;

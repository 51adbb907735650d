/** The writer thread's entry, as the app starts it (see thread.ts). */
import { runStoreWriter } from './thread.js';

runStoreWriter();

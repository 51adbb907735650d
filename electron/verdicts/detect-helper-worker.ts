/** The detection helper thread's entry (see detect-helper.ts): its read connection and stores. */
import { workerData } from 'node:worker_threads';
import { openDatabase } from '../store/db.js';
import { runDetectHelper } from './detect-helper.js';
import { createVerdictStores } from './stores.js';

const db = openDatabase((workerData as { file: string }).file, { role: 'main' });
runDetectHelper(createVerdictStores(db), () => db.close());

/**
 * A file the core produced, taken by the UI. The desktop app has saved it
 * already where the user chose; in a browser (serve mode) the page fetches it
 * from the download route with its session token in a header, then saves it
 * itself, so the token never sits in an address the browser keeps.
 */
import { fail, ok, type Result } from '../../../shared/result.js';
import type { FileDelivery } from '../../../shared/types.js';
import { currentSessionToken } from '../api/session-token.js';

export type ReceivedFile =
  | { kind: 'saved'; path: string }
  | { kind: 'downloaded'; fileName: string }
  | { kind: 'cancelled' };

/** Chromium keeps a blob address only while the page does; the save dialog may still read it. */
const KEEP_BLOB_MS = 60_000;

export async function receiveFile(delivery: FileDelivery): Promise<Result<ReceivedFile>> {
  if ('saved' in delivery) return ok({ kind: 'saved', path: delivery.saved });
  if ('cancelled' in delivery) return ok({ kind: 'cancelled' });
  const fetched = await fetchDownload(delivery.downloadUrl);
  if (!fetched.ok) return fetched;
  saveBlob(fetched.value, delivery.fileName);
  return ok({ kind: 'downloaded', fileName: delivery.fileName });
}

async function fetchDownload(url: string): Promise<Result<Blob>> {
  const token = currentSessionToken();
  if (!token)
    return fail('UNAUTHORIZED', 'No session token in the address.', { reason: 'no-token' });
  let response: Response;
  try {
    response = await fetch(url, { headers: { 'x-inbox-guard-token': token } });
    if (response.ok) return ok(await response.blob());
  } catch (err) {
    return fail('INTERNAL', `The download did not arrive: ${String(err)}`, {
      download: 'cut-off',
    });
  }
  // Refusals come as result envelopes; the token's own refusal is worth its own sentence.
  const refusal = (await response.json().catch(() => null)) as Result<never> | null;
  if (refusal && !refusal.ok && refusal.error.code === 'UNAUTHORIZED') return refusal;
  return fail('NOT_FOUND', `The download was refused (${response.status}).`, {
    download: 'refused',
  });
}

function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), KEEP_BLOB_MS);
}

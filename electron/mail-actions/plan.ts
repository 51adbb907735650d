/**
 * Turns what a caller asks (move these UIDs from there to here) into the
 * intent the journal keeps, from what the store knows: the UIDVALIDITY, each
 * message's Message-ID, and for a deletion the account's Trash.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Folder } from '../../shared/types.js';
import type { LocationStore } from './locations.sql.js';
import { messageIdOfRaw } from './message-ids.js';
import type { PlannedAction } from './types.js';

export type MailRequest =
  /** `createTarget` lets the action create the target folder when the store does not know it. */
  | { kind: 'move' | 'copy'; from: string; to: string; uids: number[]; createTarget?: boolean }
  /** To the Trash; `createTrash` lets the action create a "Trash" folder when there is none. */
  | { kind: 'trash'; from: string; uids: number[]; createTrash?: boolean }
  | { kind: 'flags.add' | 'flags.remove'; folder: string; uids: number[]; flags: string[] }
  | { kind: 'append'; to: string; raw: Buffer; flags?: string[] }
  | { kind: 'purge'; folder: string; uids: number[] };

export interface PlanDeps {
  locations: LocationStore;
  folders(accountId: string): Folder[];
}

export const TRASH_NAME = 'Trash';

export function planAction(deps: PlanDeps, accountId: string, request: MailRequest): PlannedAction {
  const located = (path: string, uids: number[]) => {
    if (uids.length === 0) throw new AppError('INVALID_INPUT', 'No message was chosen.');
    return {
      folder: deps.locations.folder(accountId, path),
      messages: deps.locations.messages(accountId, path, [...new Set(uids)]),
    };
  };
  switch (request.kind) {
    case 'move':
    case 'copy': {
      const { folder, messages } = located(request.from, request.uids);
      const intent = { from: folder, to: request.to, messages };
      const unknownTarget =
        request.createTarget === true &&
        !deps.folders(accountId).some((f) => f.path === request.to);
      return {
        kind: request.kind,
        intent: unknownTarget ? { ...intent, createFolder: true } : intent,
      };
    }
    case 'trash': {
      const { folder, messages } = located(request.from, request.uids);
      const trash = findTrash(deps.folders(accountId));
      if (!trash && !request.createTrash)
        throw new AppError(
          'NOT_FOUND',
          'This account has no Trash folder. Allow Inbox Guard to create one, or choose a folder to move the messages to.',
        );
      if (trash === folder.path)
        throw new AppError('INVALID_INPUT', 'These messages are already in the Trash.');
      return {
        kind: 'trash',
        intent: { from: folder, to: trash ?? TRASH_NAME, messages, createFolder: !trash },
      };
    }
    case 'flags.add':
    case 'flags.remove': {
      if (request.flags.length === 0) throw new AppError('INVALID_INPUT', 'No flag was chosen.');
      const { folder, messages } = located(request.folder, request.uids);
      return { kind: request.kind, intent: { folder, messages, flags: request.flags } };
    }
    case 'append':
      return {
        kind: 'append',
        raw: request.raw,
        intent: {
          to: request.to,
          size: request.raw.length,
          sha256: createHash('sha256').update(request.raw).digest('hex'),
          messageId: messageIdOfRaw(request.raw),
          flags: request.flags ?? [],
        },
      };
    case 'purge': {
      const { folder, messages } = located(request.folder, request.uids);
      return { kind: 'purge', intent: { folder, messages } };
    }
  }
}

/** The folder the server marks \Trash (special-use), else one named Trash at any depth. */
export function findTrash(folders: Folder[]): string | null {
  const marked = folders.find((f) => f.specialUse === 'trash');
  if (marked) return marked.path;
  const named = folders.find((f) => {
    const leaf = f.delimiter ? f.path.split(f.delimiter).at(-1) : f.path;
    return leaf?.toLowerCase() === TRASH_NAME.toLowerCase();
  });
  return named?.path ?? null;
}

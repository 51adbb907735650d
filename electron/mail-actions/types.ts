/**
 * What the IMAP write path journals: for each kind of action, its intent
 * (written before the server is touched: the folders, the UIDVALIDITY the
 * UIDs belong to, and each message's Message-ID so it can be found again)
 * and its outcome (what the server answered: the UIDPLUS maps).
 */

/** A folder and the UIDVALIDITY its UIDs belong to (null when the store did not know it yet). */
export interface FolderRef {
  path: string;
  uidValidity: number | null;
}

export interface MessageRef {
  uid: number;
  /** The Message-ID header, as stored: finds the message again where a server gives no UID map. */
  messageId: string | null;
}

export interface TransferIntent {
  from: FolderRef;
  to: string;
  messages: MessageRef[];
  /** The target folder was not known: the action creates it first (an existing one is fine). */
  createFolder?: boolean;
}

export interface TrashIntent extends TransferIntent {
  /** No Trash existed: the user asked for one to be created (as "Trash"). */
  createFolder: boolean;
}

export interface FlagsIntent {
  folder: FolderRef;
  messages: MessageRef[];
  flags: string[];
  /** For an undo: each flag goes back only on the messages it changed (all of them otherwise). */
  onlyOn?: Record<string, number[]>;
}

export interface AppendIntent {
  to: string;
  size: number;
  sha256: string;
  messageId: string | null;
  flags: string[];
}

export interface PurgeIntent {
  folder: FolderRef;
  messages: MessageRef[];
}

/** Where moved or copied messages now are. */
export interface TransferOutcome {
  /** The destination's UIDVALIDITY, which the new UIDs belong to. */
  uidValidity: number | null;
  /** Source UID → destination UID. */
  uidMap: Array<[number, number]>;
  /** How the new UIDs were learnt: the server's COPYUID, or a Message-ID search (no UIDPLUS). */
  located: 'uidplus' | 'message-id';
  /** Messages of the intent the server did not report (gone before the action, or not found). */
  missing: number[];
  /**
   * For a move: whether the originals are gone. False only on a server without MOVE and
   * UIDPLUS, where they stay flagged \Deleted (a bare EXPUNGE would take others with them).
   */
  expunged: boolean;
  /** A Trash folder created for this action. */
  createdFolder?: string;
}

export interface FlagsOutcome {
  uidValidity: number | null;
  /** Per flag, the messages whose flags really changed (had it not, for an add). */
  changed: Record<string, number[]>;
}

export interface AppendOutcome {
  uidValidity: number | null;
  uid: number | null;
}

export interface PurgeOutcome {
  expunged: number[];
}

/** An action ready to run: its journal kind and intent (plus the bytes an append sends). */
export type PlannedAction =
  | { kind: 'move' | 'copy'; intent: TransferIntent }
  | { kind: 'trash'; intent: TrashIntent }
  | { kind: 'flags.add' | 'flags.remove'; intent: FlagsIntent }
  | { kind: 'append'; intent: AppendIntent; raw: Buffer }
  | { kind: 'purge'; intent: PurgeIntent };

export type MailActionKind = PlannedAction['kind'];

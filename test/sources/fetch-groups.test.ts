/**
 * How a batch is cut into UID FETCH commands: at most N messages and about a
 * byte budget each (by the sizes the scan stored), so one command never asks
 * for a mailbox's worth of large messages; one message larger than the budget
 * still goes, alone.
 */
import { describe, expect, it } from 'vitest';
import { groups, type ServerSource } from '../../electron/sources/fetch-server.js';

const MB = 1024 * 1024;
const at = (uid: number, size: number): ServerSource => ({
  id: uid,
  account_id: 'a',
  kind: 'imap',
  origin: null,
  size,
  folder_id: 1,
  uid,
  listed_path: null,
  path: 'INBOX',
  uidvalidity: 1,
});
const uidsOf = (gs: ServerSource[][]) => gs.map((g) => g.map((m) => m.uid));

describe('source fetch groups', () => {
  it('cuts at the message count, in UID order', () => {
    const messages = [5, 3, 1, 4, 2].map((uid) => at(uid, 1000));
    expect(uidsOf(groups(messages, { messages: 2, bytes: 16 * MB }))).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
  });

  it('cuts at the byte budget; a message over it goes alone', () => {
    const messages = [at(1, 6 * MB), at(2, 6 * MB), at(3, 30 * MB), at(4, 1 * MB), at(5, 9 * MB)];
    expect(uidsOf(groups(messages, { messages: 50, bytes: 16 * MB }))).toEqual([
      [1, 2],
      [3],
      [4, 5],
    ]);
  });
});

/** Finding the user's own messages among scanned header blocks, before any parse. */
import { describe, expect, it } from 'vitest';
import { mentions, ownMessageSummary } from '../../electron/writer/own-messages.js';

const sentByOneOf = (headers: Buffer, own: string[]) => ownMessageSummary(headers, own) !== null;
import { rawField } from '../../electron/mail-format/index.js';

const block = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

describe('own messages in a scan', () => {
  const own = ['alice@exemple.fr'];

  it('finds the user as sender, whatever the case or folding of the From field', () => {
    expect(sentByOneOf(block(['From: Alice <alice@exemple.fr>', 'To: bob@b.fr']), own)).toBe(true);
    expect(sentByOneOf(block(['FROM: "Alice M." <Alice@Exemple.FR>']), own)).toBe(true);
    expect(
      sentByOneOf(block(['Subject: x', 'From: "Alice Martin"', '\t<alice@exemple.fr>']), own),
    ).toBe(true);
  });

  it('does not take a message addressed to the user for one the user wrote', () => {
    expect(sentByOneOf(block(['From: Bob <bob@b.fr>', 'To: alice@exemple.fr']), own)).toBe(false);
    expect(sentByOneOf(block(['From: Bob <bob@b.fr>', 'Reply-To: alice@exemple.fr']), own)).toBe(
      false,
    );
    expect(sentByOneOf(block(['From: malice@exemple.fr.evil.example']), own)).toBe(false);
    expect(sentByOneOf(block(['From: alice@exemple.fr']), [])).toBe(false);
  });

  it('reads the From field only, with its folded lines', () => {
    const b = block(['To: alice@exemple.fr', 'from: "A"', ' <a@b.fr>', 'Subject: s']);
    expect(rawField(b, 'from')?.toString()).toBe('from: "A"\r\n <a@b.fr>\r\n');
    expect(rawField(block(['Subject: from: x', 'X-From: y']), 'from')).toBeNull();
    expect(rawField(block(['LIST-Unsubscribe: <x>']), 'list-unsubscribe')?.length).toBe(23);
  });

  it('matches an address only around an @, ignoring ASCII case', () => {
    expect(mentions(Buffer.from('x ALICE@EXEMPLE.FR y'), 'alice@exemple.fr')).toBe(true);
    expect(mentions(Buffer.from('alice@exemple.f'), 'alice@exemple.fr')).toBe(false);
    expect(mentions(Buffer.from('@exemple.fr'), 'alice@exemple.fr')).toBe(false);
  });
});

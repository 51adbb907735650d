/**
 * The user's own post to a mailing list, as kept in Sent, has no list headers
 * yet: the list address in To is what shows it is list discussion.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage, createMemoryContext, wordedSignal } from '../../electron/detect/index.js';
import { isMailingListHost } from '../../electron/detect/mailing-list.js';

const context = createMemoryContext({
  identities: ['camille.martin@atelier-durand.fr'],
  ownDomains: ['atelier-durand.fr'],
});

function sent(to: string, from = 'Camille Martin <camille.martin@atelier-durand.fr>'): string {
  return [
    'Message-ID: <fad2253a@atelier-durand.fr>',
    'Date: Fri, 09 Oct 2026 12:15:03 +0200',
    'User-Agent: Mozilla Thunderbird',
    `To: ${to}`,
    `From: ${from}`,
    'Subject: Export IFC depuis FreeCAD : murs manquants',
    '',
    '',
  ].join('\n');
}

describe("the user's own list posts", () => {
  it('calls a post to a list server list discussion, and says why', () => {
    const result = classifyMessage({ rawHeaders: sent('bim-libre@listes.bim-libre.fr') }, context);
    expect(result.verdict).toBe('list_discussion');
    expect(result.unsolicited).toBe(false);
    expect(result.signals.map((s) => s.code)).toEqual(['own_list_post']);
    expect(wordedSignal(result.signals[0]!).en).toContain('bim-libre@listes.bim-libre.fr');
  });

  it('leaves a message to a person alone', () => {
    const result = classifyMessage(
      { rawHeaders: sent('Nicolas Bertin <nicolas.bertin@atelier-durand.fr>') },
      context,
    );
    expect(result.verdict).toBe('personal');
  });

  it('only applies to what the user sent', () => {
    const result = classifyMessage(
      { rawHeaders: sent('bim-libre@listes.bim-libre.fr', 'Promo <promo@shop.example>') },
      context,
    );
    expect(result.signals.map((s) => s.code)).not.toContain('own_list_post');
  });

  it('knows list servers by their host name or service', () => {
    expect(isMailingListHost('listes.bim-libre.fr')).toBe(true);
    expect(isMailingListHost('lists.debian.org')).toBe(true);
    expect(isMailingListHost('googlegroups.com')).toBe(true);
    expect(isMailingListHost('atelier-durand.fr')).toBe(false);
    expect(isMailingListHost('listing.example.com')).toBe(false);
  });
});

/**
 * A small mbox as Thunderbird exports one: three messages, the first from a
 * sender whose name has accents (an RFC 2047 encoded word), and one entry that
 * is not mail (the import skips it with its reason). In a fresh temporary
 * folder the caller removes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SmallMbox {
  dir: string;
  file: string;
  /** Each mail message's exact bytes, as the store must keep them (the "From " line is the mbox's). */
  messages: Buffer[];
  /** The first message's file name on export: its date and its sender's decoded name. */
  firstExportName: string;
  /** The source of the entry that is not mail, as the import report names it. */
  notMailSource: string;
}

const ACCENTED = [
  'From: =?UTF-8?Q?=C3=89lodie_Caf=C3=A9?= <elodie@cafe-exemple.fr>',
  'To: camille.martin@exemple.fr',
  'Subject: =?UTF-8?Q?R=C3=A9union_de_mardi?=',
  'Date: Tue, 5 Mar 2024 09:30:00 +0000',
  'Message-ID: <reunion-1@cafe-exemple.fr>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Bonjour Camille, on se voit mardi à 10 h ?',
  '',
];

function plain(n: number): string[] {
  return [
    `From: Lettre ${n} <news${n}@exemple.fr>`,
    'To: camille.martin@exemple.fr',
    `Subject: Nouvelles ${n}`,
    `Date: Wed, 6 Mar 2024 1${n}:00:00 +0000`,
    `Message-ID: <news-${n}@exemple.fr>`,
    'List-Unsubscribe: <https://exemple.fr/desinscription>',
    '',
    `Les nouvelles de la semaine ${n}.`,
    '',
  ];
}

/** Not a message: no header block at all. */
const NOT_MAIL = ['Ceci est une note, pas un message.', ''];

export function writeSmallMbox(name = 'Boîte exportée.mbox'): SmallMbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ig-mbox-'));
  const file = path.join(dir, name);
  const bodies = [ACCENTED, plain(1), NOT_MAIL, plain(2)].map((lines) => lines.join('\n'));
  const mbox = bodies
    .map((body) => `From sender@exemple.fr Tue Mar  5 09:30:00 2024\n${body}\n`)
    .join('');
  writeFileSync(file, mbox);
  return {
    dir,
    file,
    messages: [bodies[0]!, bodies[1]!, bodies[3]!].map((b) => Buffer.from(b, 'utf8')),
    firstExportName: '2024-03-05-Élodie Café.eml',
    notMailSource: `${file}#3`,
  };
}

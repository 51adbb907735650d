/**
 * Two ways a sender disguises who it is, read from the sender's name and the
 * subject: letters of two scripts in one word or invisible characters (what
 * Unicode TS #39 calls mixed-script confusables: "Αmazοn" with a Greek Α and
 * ο), and the name of a brand phishers favour on an address of another
 * domain ("Crédit Agricole" <noreply@some-shop.de>).
 */
/**
 * Characters that show nothing, written to split a word filters read: the
 * zero-width space and word joiners, the bidi overrides, the soft hyphen, and
 * the supplement's variation selectors. Not the joiners of emoji sequences
 * and of Persian or Indic writing (U+200C, U+200D), nor the bidi marks of
 * Hebrew and Arabic text (U+200E, U+200F, U+202A-U+202C).
 */
function isInvisible(code: number): boolean {
  return (
    code === 0xad ||
    code === 0x34f ||
    code === 0x200b ||
    code === 0x202d ||
    code === 0x202e ||
    (code >= 0x2060 && code <= 0x2064) ||
    code === 0xfeff ||
    (code >= 0xe0100 && code <= 0xe01ef)
  );
}

/** Tag characters: invisible, except in a subdivision flag (a black flag, then tags). */
const isTag = (code: number): boolean => code >= 0xe0000 && code <= 0xe007f;
const BLACK_FLAG = 0x1f3f4;

const LATIN = 1;
const GREEK = 2;
const CYRILLIC = 4;

function scriptOf(code: number): number {
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return LATIN;
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return LATIN;
  if (code >= 0x370 && code <= 0x3ff) return GREEK;
  if (code >= 0x400 && code <= 0x4ff) return CYRILLIC;
  return 0;
}

/**
 * Text written to look like other text: an invisible character, or a word
 * mixing Latin letters with Greek or Cyrillic ones (a Greek or Russian word,
 * or a Latin word beside one, is not).
 */
export function isDisguised(text: string): boolean {
  let scripts = 0;
  let previous = 0;
  let first = true;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    // A byte-order mark that opens the text is an encoder's slip, not a disguise.
    if (isInvisible(code) && !(first && code === 0xfeff)) return true;
    if (isTag(code) && previous !== BLACK_FLAG && !isTag(previous)) return true;
    first = false;
    previous = code;
    const script = scriptOf(code);
    if (script === 0) {
      scripts = 0;
      continue;
    }
    scripts |= script;
    if (scripts & LATIN && scripts & (GREEK | CYRILLIC)) return true;
  }
  return false;
}

/**
 * Brands phishing mail names most, each with the words of its name and the
 * domain names its real mail comes from (letters and digits of the label
 * before the public suffix). From Vade's "Phishers' Favorites" rankings
 * (2018-2023: Microsoft, Facebook, Crédit Agricole, WhatsApp, Orange, PayPal,
 * Apple, banks, carriers) and the lures cybermalveillance.gouv.fr warns French
 * users of (Assurance Maladie, CPF, ANTAI, impots.gouv, parcel carriers).
 * Names that are common words, first names or surnames (Free, Chase, Target,
 * Outlook, UPS as in "start-ups", Norton, Ledger) are left out: a person's
 * or a newsletter's name must not read as a brand.
 */
const BRANDS: ReadonlyArray<readonly [names: readonly string[], domains: readonly string[]]> = [
  [
    ['microsoft', 'office 365', 'onedrive', 'sharepoint'],
    [
      'microsoft',
      'office',
      'office365',
      'outlook',
      'live',
      'microsoftonline',
      'sharepointonline',
      'onedrive',
    ],
  ],
  [
    ['facebook', 'instagram', 'whatsapp', 'meta'],
    ['facebook', 'facebookmail', 'instagram', 'whatsapp', 'meta', 'metamail'],
  ],
  [
    ['google', 'gmail', 'youtube'],
    ['google', 'gmail', 'youtube', 'googlemail'],
  ],
  [
    ['apple', 'icloud', 'itunes'],
    ['apple', 'icloud', 'itunes'],
  ],
  [['paypal'], ['paypal']],
  [['amazon'], ['amazon', 'amazonses', 'amazonaws']],
  [['netflix'], ['netflix']],
  [['linkedin'], ['linkedin']],
  [['docusign'], ['docusign']],
  [['dropbox'], ['dropbox', 'dropboxmail']],
  [['wetransfer'], ['wetransfer']],
  [['adobe'], ['adobe']],
  [['dhl'], ['dhl']],
  [['fedex'], ['fedex']],
  [
    ['la poste', 'laposte', 'colissimo'],
    ['laposte', 'colissimo'],
  ],
  [['chronopost'], ['chronopost']],
  [['mondial relay'], ['mondialrelay']],
  [['credit agricole'], ['creditagricole', 'ca']],
  [['societe generale'], ['societegenerale', 'sg']],
  [['bnp paribas'], ['bnpparibas', 'mabanque']],
  [['banque postale'], ['labanquepostale']],
  [['caisse d epargne'], ['caisseepargne']],
  [['credit mutuel'], ['creditmutuel']],
  [['lcl'], ['lcl']],
  [['orange'], ['orange', 'orangebusiness']],
  [['sfr'], ['sfr']],
  [['bouygues'], ['bouyguestelecom', 'bouygues']],
  [
    ['assurance maladie', 'ameli'],
    ['ameli', 'assurancemaladie'],
  ],
  [
    ['cpf', 'mon compte formation', 'moncompteformation'],
    ['moncompteformation', 'caissedesdepots'],
  ],
  [['antai'], ['antai']],
  [
    ['impots', 'dgfip', 'tresor public'],
    ['impots', 'dgfip'],
  ],
  [['service public'], ['servicepublic', 'gouv']],
  [['edf'], ['edf']],
  [['engie'], ['engie']],
  [['totalenergies'], ['totalenergies', 'total']],
  [['wells fargo'], ['wellsfargo']],
  [['bank of america'], ['bankofamerica', 'bofa']],
  [['capital one'], ['capitalone']],
  [
    ['american express', 'amex'],
    ['americanexpress', 'amex', 'aexp'],
  ],
  [['mastercard'], ['mastercard']],
  [['visa'], ['visa']],
  [['coinbase'], ['coinbase']],
  [['binance'], ['binance']],
  [['metamask'], ['metamask']],
  [['mcafee'], ['mcafee']],
  [['lidl'], ['lidl']],
  [['carrefour'], ['carrefour']],
  [['leroy merlin'], ['leroymerlin']],
  [['temu'], ['temu']],
];

/** Words of a name, lowercased and unaccented, joined by single spaces. */
function words(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A brand name's letters as a lowercase name may write them: accented or not. */
const ACCENTED: Readonly<Record<string, string>> = {
  a: '[aàâä]',
  c: '[cç]',
  e: '[eéèêë]',
  i: '[iîï]',
  o: '[oôö]',
  u: '[uùûü]',
};

const BRAND_OF_NAME = new Map(
  BRANDS.flatMap(([names, domains]) => names.map((name) => [name, domains] as const)),
);

/**
 * Every brand name in one expression, read once over the lowercased sender
 * name (most names are people's: no match, nothing else done); its words
 * may be apart by any punctuation ("La-Poste", "Crédit  Agricole").
 */
const BRAND_NAMES = new RegExp(
  `(?:^|[^a-z0-9\u00e0-\u00ff])(${[...BRAND_OF_NAME.keys()]
    .map((name) =>
      name
        .split(' ')
        .map((word) => [...word].map((ch) => ACCENTED[ch] ?? ch).join(''))
        .join('[^a-z0-9\u00e0-\u00ff]+'),
    )
    .join('|')})(?![a-z0-9\u00e0-\u00ff])`,
);

/**
 * The sender's name names a brand that its address's domain is not one of
 * (a brand's own subdomains and sending domains are: mail.paypal.com, ca-*.fr).
 * `senderDomain` is the address's registrable domain as features read it
 * (paypal.com for mail.paypal.com), or the domain as written when it has none.
 */
export function namesAnotherBrand(displayName: string, senderDomain: string | null): boolean {
  if (displayName === '') return false;
  const found = BRAND_NAMES.exec(displayName.toLowerCase());
  if (found === null) return false;
  const domains = BRAND_OF_NAME.get(words(found[1]!));
  if (domains === undefined) return false;
  const label = (senderDomain ?? '').split('.')[0]!;
  const sender = label.replace(/[^a-z0-9]/g, '');
  const prefix = label.split('-')[0]!;
  return !domains.some(
    (d) => sender === d || prefix === d || (d.length >= 4 && sender.startsWith(d)),
  );
}

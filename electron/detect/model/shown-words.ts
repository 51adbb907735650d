/**
 * Which of the model's word features the "Why" panel may show. "the", "your"
 * or "de" weigh in the model like any word, but named alone they tell the
 * reader nothing: the panel shows the next feature instead. Numbers and the
 * bits of addresses ("com", "www") likewise.
 */
const SILENT_WORDS: ReadonlySet<string> = new Set(
  [
    // English function words
    'a an the and or but if of to in on at by for from with as is are was were be been being',
    'do does did done have has had get got i me my we us our you your he him his she her it its',
    'they them their this that these those there here what which who whom when where why how',
    'not no so than then too very can could will would shall should may might must just also',
    'all any some more most other such only own same each few both about into over after before',
    'up down out off again once am',
    // What is left of "don't", "it's", "we're" once split
    'don doesn didn isn aren wasn won can t s re ve ll d m',
    // French function words
    'le la les un une des du de d l et ou mais donc or ni car si à au aux en dans sur sous par',
    'pour avec sans chez vers est sont était être été avoir a ont avait je j me m moi tu te t toi',
    'il elle on nous vous ils elles se s son sa ses mon ma mes ton ta tes notre nos votre vos leur',
    'leurs ce cet cette ces cela ça qui que qu quoi dont où ne n pas plus y',
    // Bits of addresses and links
    'com www http https html net org fr',
  ]
    .join(' ')
    .split(' '),
);

/** True when a word feature ("offre speciale", "your") says something on its own. */
export function isShownWords(words: string): boolean {
  return words
    .toLowerCase()
    .split(/\s+/)
    .some((word) => word !== '' && !/^\d+$/.test(word) && !SILENT_WORDS.has(word));
}

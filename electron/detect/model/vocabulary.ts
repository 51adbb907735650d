/**
 * The learned model's named features, each with the words the "Why" panel
 * uses for it (English and French). Their order is part of the model file:
 * adding, removing or moving one changes FEATURE_SPEC and needs `npm run train`.
 *
 * Every named feature fires on evidence a sender put in the message (bulk
 * headers, a platform, failed authentication, wording), never on the mere
 * presence of what every real message carries (Received hops, a display
 * name, In-Reply-To, a Date): the labelled corpus's personal mail comes from
 * an export that lost those, and a model would learn the export, not the mail.
 */
export const NAMED_FEATURES = [
  ['list_id', 'a List-Id header', 'un en-tête List-Id'],
  [
    'list_post',
    'discussion-list headers (List-Post, Mailman)',
    'des en-têtes de liste de discussion (List-Post, Mailman)',
  ],
  ['list_unsubscribe', 'a List-Unsubscribe header', 'un en-tête List-Unsubscribe'],
  ['one_click_unsubscribe', 'one-click unsubscribe', 'la désinscription en un clic'],
  ['precedence_bulk', 'Precedence: bulk', 'Precedence : bulk'],
  ['precedence_list', 'Precedence: list', 'Precedence : list'],
  ['precedence_junk', 'Precedence: junk', 'Precedence : junk'],
  ['auto_submitted', 'an Auto-Submitted header', 'un en-tête Auto-Submitted'],
  ['delivery_report', 'a mail server’s report (bounce)', 'un rapport de serveur (retour)'],
  ['router_esp', 'a sending platform', 'une plateforme d’envoi'],
  ['router_marketing', 'a marketing platform', 'une plateforme de marketing'],
  ['router_crm', 'a CRM platform', 'une plateforme de CRM'],
  ['router_cold_outreach', 'a prospecting tool', 'un outil de prospection'],
  ['router_newsletter', 'a newsletter platform', 'une plateforme de lettres d’information'],
  [
    'router_forged',
    'platform headers the receiving server contradicts',
    'des en-têtes de plateforme que le serveur de réception contredit',
  ],
  ['auth_failed', 'failed sender authentication', 'l’échec de l’authentification de l’expéditeur'],
  ['dmarc_failed', 'DMARC failed', 'l’échec de DMARC'],
  ['spf_failed', 'SPF failed', 'l’échec de SPF'],
  ['dkim_failed', 'a DKIM signature that failed', 'une signature DKIM en échec'],
  [
    'dkim_unaligned',
    'DKIM signed by another domain than the sender’s',
    'une signature DKIM d’un autre domaine que l’expéditeur',
  ],
  [
    'return_path_elsewhere',
    'bounces go to another domain (Return-Path)',
    'des retours vers un autre domaine (Return-Path)',
  ],
  [
    'reply_to_elsewhere',
    'replies go to another domain (Reply-To)',
    'des réponses vers un autre domaine (Reply-To)',
  ],
  [
    'reply_to_freemail',
    'replies go to a webmail address',
    'des réponses vers une messagerie personnelle',
  ],
  [
    'display_name_domain',
    'a sender name showing another domain',
    'un nom d’expéditeur affichant un autre domaine',
  ],
  [
    'sender_disguised',
    'a sender name or subject disguised (mixed alphabets, invisible characters)',
    'un nom d’expéditeur ou un objet déguisé (alphabets mêlés, caractères invisibles)',
  ],
  [
    'brand_elsewhere',
    'a well-known brand’s name on another domain’s address',
    'le nom d’une marque connue sur l’adresse d’un autre domaine',
  ],
  ['message_id_missing', 'no Message-ID', 'l’absence de Message-ID'],
  ['message_id_elsewhere', 'a Message-ID from another domain', 'un Message-ID d’un autre domaine'],
  ['from_missing', 'no sender address', 'l’absence d’adresse d’expéditeur'],
  ['from_freemail', 'a webmail sender', 'un expéditeur en messagerie personnelle'],
  ['from_no_reply', 'a no-reply sender', 'un expéditeur « no-reply »'],
  ['from_role', 'a role address (info@, contact@…)', 'une adresse de fonction (info@, contact@…)'],
  ['to_missing', 'no To address', 'l’absence de destinataire'],
  ['to_undisclosed', 'undisclosed recipients', 'des destinataires non divulgués'],
  ['to_several', 'a few recipients', 'quelques destinataires'],
  ['to_many', 'many recipients', 'de nombreux destinataires'],
  ['to_is_from', 'sent to its own sender', 'un envoi à son propre expéditeur'],
  ['mailer_bulk', 'a bulk-mailing program', 'un logiciel d’envoi en nombre'],
  ['subject_empty', 'an empty subject', 'un objet vide'],
  ['subject_reply', 'a “Re:” subject', 'un objet en « Re: »'],
  ['subject_forward', 'a “Fwd:” subject', 'un objet en « Fwd: »'],
  ['subject_caps', 'a subject in capitals', 'un objet en majuscules'],
  ['subject_exclaim', 'an exclamation mark in the subject', 'un point d’exclamation dans l’objet'],
  [
    'subject_money',
    'an amount or a percentage in the subject',
    'un montant ou un pourcentage dans l’objet',
  ],
  ['subject_symbols', 'emoji or symbols in the subject', 'des émojis ou symboles dans l’objet'],
  ['body_none', 'no body excerpt', 'aucun extrait du corps'],
  ['html_only', 'HTML without a text part', 'du HTML sans partie texte'],
  ['body_short', 'a short text', 'un texte court'],
  ['body_long', 'a long text', 'un texte long'],
  [
    'quoted_reply',
    'quoted lines of an earlier message',
    'des lignes citées d’un message précédent',
  ],
  ['links_few', 'a few links', 'quelques liens'],
  ['links_some', 'several links', 'plusieurs liens'],
  ['links_many', 'many links', 'de nombreux liens'],
  ['links_own_domain', 'links to the sender’s domain', 'des liens vers le domaine de l’expéditeur'],
  [
    'links_other_domains',
    'links to several other domains',
    'des liens vers plusieurs autres domaines',
  ],
  ['link_ip', 'a link to a bare IP address', 'un lien vers une adresse IP'],
  ['link_shortener', 'a shortened link', 'un lien raccourci'],
  ['remote_images', 'remote images', 'des images distantes'],
  ['tracking_pixel', 'a tracking pixel', 'un pixel de suivi'],
  ['unsubscribe_text', 'unsubscribe wording', 'une mention de désinscription'],
  ['words_marketing', 'promotional wording', 'une formulation promotionnelle'],
  ['words_sales', 'sales wording', 'une formulation commerciale'],
  ['words_follow_up', 'follow-up wording', 'une formulation de relance'],
  ['words_recruiting', 'recruiting wording', 'une formulation de recrutement'],
  ['words_scam', 'scam wording', 'une formulation d’arnaque'],
  ['words_transactional_subject', 'a transactional subject', 'un objet transactionnel'],
  ['words_transactional_body', 'transactional wording', 'une formulation transactionnelle'],
  ['calendar_link', 'a meeting-booking link', 'un lien de prise de rendez-vous'],
  [
    'greeting_generic',
    'an impersonal greeting (“Dear customer”)',
    'une formule impersonnelle (« Cher client »)',
  ],
  ['greeting_personal', 'a greeting (“Hi”, “Bonjour”)', 'une salutation (« Bonjour », « Hi »)'],
  ['signature_dashes', 'a “-- ” signature', 'une signature « -- »'],
  ['phone_number', 'a phone number', 'un numéro de téléphone'],
  ['money_words', 'amounts of money', 'des montants d’argent'],
  ['crypto_words', 'cryptocurrency wording', 'une formulation de cryptomonnaie'],
  ['urgency_words', 'urgency wording', 'une formulation d’urgence'],
  [
    'rules_newsletter',
    'the rules’ reading: a newsletter',
    'la lecture des règles : une lettre d’information',
  ],
  [
    'rules_cold_prospecting',
    'the rules’ reading: prospecting',
    'la lecture des règles : de la prospection',
  ],
  ['rules_spam', 'the rules’ reading: spam', 'la lecture des règles : un spam'],
  [
    'rules_transactional',
    'the rules’ reading: a transactional message',
    'la lecture des règles : un message transactionnel',
  ],
  [
    'rules_personal',
    'the rules’ reading: personal mail',
    'la lecture des règles : un courrier personnel',
  ],
  [
    'rules_list_discussion',
    'the rules’ reading: a list discussion',
    'la lecture des règles : une discussion de liste',
  ],
  ['rules_unknown', 'the rules left it undecided', 'les règles ne tranchent pas'],
] as const;

export type NamedFeature = (typeof NAMED_FEATURES)[number][0];

/** Index of each named feature in the model's weights. */
export const NAMED: Readonly<Record<NamedFeature, number>> = Object.freeze(
  Object.fromEntries(NAMED_FEATURES.map(([key], index) => [key, index])) as Record<
    NamedFeature,
    number
  >,
);

export const NAMED_COUNT = NAMED_FEATURES.length;

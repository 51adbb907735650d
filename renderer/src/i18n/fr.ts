/**
 * French, the first audience: vouvoiement, « guillemets », typographic
 * apostrophes. Write ordinary spaces before : ; ? ! and inside « » — the
 * no-break spaces French typography needs are put in by frenchTypography()
 * (typography.ts), so no string can forget them.
 */
export const fr = {
  app: {
    name: 'Inbox Guard',
  },
  common: {
    loading: 'Chargement…',
    cancel: 'Annuler',
    close: 'Fermer',
    retry: 'Réessayer',
    technicalDetails: 'Détails techniques',
    optional: 'facultatif',
  },
  language: {
    label: 'Langue de l’interface',
    fr: 'Français',
    en: 'English',
  },
  welcome: {
    title: 'Bienvenue dans Inbox Guard',
    line1:
      'Inbox Guard repère dans vos boîtes mail la prospection et le marketing que vous n’avez jamais demandés.',
    line2:
      'Il les range ou les supprime selon vos règles, demande aux expéditeurs d’arrêter et garde les preuves s’ils insistent.',
    openDemo: 'Ouvrir la boîte de démonstration',
    openDemoHint: 'Des messages fictifs, pour voir l’application à l’œuvre sans rien connecter.',
    openingDemo: 'Ouverture de la démo…',
    addMailbox: 'Ajouter une boîte mail',
    addMailboxHint: 'Gmail, Outlook, Orange, Free, Proton et tout serveur IMAP.',
    local: 'Tout reste sur cet ordinateur : aucun message ni mot de passe n’en sort.',
  },
  sidebar: {
    mailboxes: 'Boîtes mail',
    addMailbox: 'Ajouter une boîte',
    settingsOf: 'Réglages de {{name}}',
    localBadge: 'Local',
    demoName: 'Démo — Camille Martin',
    foldersOf: 'Dossiers de {{name}}',
    noFolders: 'Aucun dossier pour l’instant.',
    folderCount_one: '{{count, number}} message',
    folderCount_other: '{{count, number}} messages',
    folderUnseen_one: 'dont {{count, number}} non lu',
    folderUnseen_other: 'dont {{count, number}} non lus',
  },
  folders: {
    inbox: 'Boîte de réception',
    sent: 'Envoyés',
    drafts: 'Brouillons',
    trash: 'Corbeille',
    junk: 'Indésirables',
    archive: 'Archives',
    all: 'Tous les messages',
    flagged: 'Suivis',
  },
  messages: {
    search: 'Rechercher dans ce dossier',
    searchPlaceholder: 'Expéditeur ou objet',
    listOf: 'Messages de {{folder}}',
    noSubject: '(sans objet)',
    unknownSender: '(expéditeur inconnu)',
    unsubscribeBadge: 'Désinscription',
    unsubscribeBadgeTitle: 'Ce message propose une désinscription (en-tête List-Unsubscribe).',
    range: '{{from, number}}–{{to, number}} sur {{total, number}}',
    previous: 'Page précédente',
    next: 'Page suivante',
    empty: 'Ce dossier est vide.',
    emptySearch: 'Aucun message ne correspond à « {{search}} ».',
    syncing: 'Inbox Guard lit ce dossier sur le serveur…',
    notSynced_one:
      'Le serveur compte {{count, number}} message dans ce dossier ; Inbox Guard ne l’a pas encore lu.',
    notSynced_other:
      'Le serveur compte {{count, number}} messages dans ce dossier ; Inbox Guard ne les a pas encore lus.',
    chooseFolder: 'Choisissez un dossier à gauche.',
  },
  message: {
    none: 'Sélectionnez un message pour voir ses en-têtes.',
    from: 'De',
    to: 'À',
    date: 'Date',
    listUnsubscribe: 'Désinscription proposée',
    allHeaders_one: 'En-tête complet ({{count}} champ)',
    allHeaders_other: 'En-têtes complets ({{count}} champs)',
    bodyLater:
      'Le contenu du message s’affichera ici dans une prochaine version, sans jamais charger d’élément distant.',
  },
  account: {
    addTitle: 'Ajouter une boîte mail',
    editTitle: 'Modifier {{name}}',
    intro:
      'Inbox Guard se connecte en IMAP, comme un logiciel de messagerie. Votre mot de passe est chiffré sur cet ordinateur et n’en sort jamais.',
    email: 'Adresse e-mail',
    name: 'Nom dans Inbox Guard',
    namePlaceholder: 'Travail, Perso…',
    provider: 'Fournisseur',
    providerGuessed: 'Reconnu d’après votre adresse.',
    customProvider: 'Autre (réglages manuels)',
    imapSection: 'Réception (IMAP)',
    smtpSection: 'Envoi (SMTP), pour les lettres d’opposition à venir',
    host: 'Serveur',
    port: 'Port',
    security: 'Sécurité',
    securityTls: 'TLS',
    securityStarttls: 'STARTTLS',
    securityPlain: 'Aucune (cet ordinateur uniquement)',
    user: 'Identifiant',
    password: 'Mot de passe',
    passwordKeep: 'Laissez vide pour garder le mot de passe enregistré.',
    passwordAgain:
      'Le serveur a changé : saisissez à nouveau le mot de passe. Par sécurité, le mot de passe enregistré n’est envoyé qu’au serveur qui l’a accepté.',
    testNeedsPassword:
      'Pour tester ces nouveaux réglages, saisissez le mot de passe ; « Enregistrer » les teste aussi avec le mot de passe enregistré.',
    testNeedsNewPassword: 'Pour tester ces nouveaux réglages, saisissez le mot de passe.',
    smtpPassword: 'Mot de passe SMTP',
    smtpPasswordHint: 'Laissez vide s’il est identique à celui de la réception.',
    smtpPasswordAgain:
      'Le serveur d’envoi a changé : saisissez son mot de passe (ou, s’il est identique, celui de la réception ci-dessus).',
    test: 'Tester la connexion',
    testing: 'Test en cours…',
    add: 'Ajouter',
    adding: 'Ajout en cours…',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    testOk_one: 'Connexion réussie : {{count}} dossier trouvé.',
    testOk_other: 'Connexion réussie : {{count}} dossiers trouvés.',
    pinned: 'Vous faites confiance à ce certificat pour ce compte :',
    unpin: 'Retirer cette confiance',
  },
  hints: {
    appPassword:
      'Ce fournisseur demande un mot de passe d’application : créez-en un dans les réglages de sécurité de votre compte, puis saisissez-le ici à la place de votre mot de passe habituel.',
    bridge:
      'Proton Mail passe par Proton Mail Bridge : lancez Bridge sur cet ordinateur et saisissez l’identifiant et le mot de passe qu’il affiche, pas ceux de votre compte Proton. Bridge a son propre certificat : faites-lui confiance quand Inbox Guard vous le montre.',
    enableImap:
      'Activez d’abord l’accès IMAP dans les réglages de votre messagerie en ligne, puis revenez ici.',
  },
  certificate: {
    title: 'Certificat présenté par le serveur',
    subject: 'Délivré à',
    issuer: 'Délivré par',
    validity: 'Validité',
    validityRange: 'du {{from}} au {{to}}',
    fingerprint: 'Empreinte SHA-256',
    trust: 'Faire confiance à ce certificat pour ce compte',
  },
  settings: {
    title: 'Réglages de {{name}}',
    localInfo:
      'Cette source est une copie en lecture seule de messages, enregistrée sur cet ordinateur.',
    addedOn: 'Ajouté le {{date}}',
    saved: 'Modifications enregistrées.',
    dangerTitle: 'Supprimer',
    remove: 'Supprimer ce compte',
    removeLocal: 'Retirer cette source',
    confirmTitle: 'Supprimer « {{name}} » ?',
    confirmImap:
      'Inbox Guard oubliera ce compte, son mot de passe et ce qu’il en a appris. Vos messages restent intacts sur le serveur.',
    confirmLocal:
      'Inbox Guard oubliera ces messages importés. Les fichiers d’origine ne sont pas touchés.',
    confirm: 'Supprimer',
    removing: 'Suppression…',
  },
  sync: {
    now: 'Synchroniser',
    nowTitle: 'Synchroniser {{name}} maintenant',
    running: 'Synchronisation…',
    cancel: 'Annuler',
    cancelTitle: 'Annuler la synchronisation de {{name}}',
    cancelled: 'Synchronisation annulée',
    never: 'Jamais synchronisé',
    last: 'Synchronisé {{when}}',
    justNow: 'à l’instant',
    connectionLost: 'Connexion au serveur perdue',
    failed: 'Échec de la synchronisation',
    progress: 'Synchronisation de {{account}} : {{folder}}',
    section: 'Synchronisation',
    live: 'Nouveaux messages en direct',
    liveHint:
      'Inbox Guard garde une connexion ouverte avec le serveur et lit chaque nouveau message de la boîte de réception dès son arrivée.',
    connection: {
      online: 'En ligne : nouveaux messages en direct',
      connecting: 'Connexion au serveur…',
      offline: 'Hors ligne : nouveaux messages en direct désactivés',
      error: 'Erreur de connexion : {{error}}',
    },
    toastFailed: 'La synchronisation de {{name}} a échoué',
    toastLive: 'Connexion en direct de {{name}} interrompue',
  },
  verdict: {
    newsletter: 'Newsletter',
    cold_prospecting: 'Prospection',
    spam: 'Spam',
    transactional: 'Transactionnel',
    personal: 'Personnel',
    list_discussion: 'Liste de discussion',
    unknown: 'Indéterminé',
    pending: 'En cours d’analyse',
    failed: 'Analyse impossible',
    unsolicited: 'Non sollicité',
    unsolicitedTitle: 'Marketing ou spam que vous n’avez pas demandé',
    long: {
      newsletter: 'Newsletter ou promotion',
      cold_prospecting: 'Prospection à froid',
      spam: 'Spam',
      transactional: 'Message transactionnel',
      personal: 'Correspondance personnelle',
      list_discussion: 'Discussion sur une liste',
      unknown: 'Nature indéterminée',
    },
  },
  filter: {
    label: 'Afficher',
    all: 'Tous',
    unsolicited: 'Non sollicités',
    newsletter: 'Newsletters',
    cold_prospecting: 'Prospection',
    spam: 'Spam',
    transactional: 'Transactionnels',
    personal: 'Personnels',
    list_discussion: 'Listes',
    empty: 'Aucun message de ce type dans ce dossier.',
  },
  why: {
    title: 'Pourquoi ?',
    verdictScore: '{{verdict}} — certitude {{score}}',
    unsolicited: 'Non sollicité : vous ne l’avez pas demandé.',
    solicited: 'Pas considéré comme non sollicité.',
    pending: 'Inbox Guard n’a pas encore analysé ce message.',
    failed:
      'Inbox Guard n’a pas pu analyser ce message ({{error}}). Il réessaiera au prochain démarrage ou quand vous relancerez l’analyse.',
    signals: 'Ce qui l’indique',
    noSignals: 'Aucun indice particulier.',
    router: 'Plateforme d’envoi',
    routerKind: {
      esp: 'service d’envoi d’e-mails',
      marketing_automation: 'automatisation marketing',
      crm: 'CRM',
      cold_outreach: 'outil de prospection à froid',
      newsletter_platform: 'plateforme de newsletters',
      other: 'autre plateforme',
    },
    accountId: 'Compte de l’expéditeur : {{id}}',
    abuse: 'Signalement d’abus : {{address}}',
    verified: 'vérifié par votre serveur',
    claimed: 'déclaré par l’expéditeur',
    noRouter: 'Aucune plateforme d’envoi reconnue.',
    advertiser: 'Annonceur',
    senderDomain: 'Organisation de l’expéditeur',
    privacyContact: 'Contact données personnelles : {{contact}}',
    noPrivacyContact: 'Aucun contact données personnelles trouvé dans le message.',
    aligned: 'domaine authentifié (DKIM aligné)',
    notAligned: 'domaine non authentifié : l’expéditeur peut être usurpé',
    identity: 'Votre adresse touchée',
    legalTitle: 'Indices juridiques (pas un avis juridique)',
    legalNote:
      'Ces indices signalent ce qui mérite votre attention au regard de la loi ; ils ne disent pas qu’une règle a été enfreinte.',
    correctTitle: 'Votre avis',
    want: 'Je veux ces messages',
    dontWant: 'Je ne veux pas ces messages',
    scopeLabel: 'Appliquer à',
    scopeAddress: 'cette adresse ({{address}})',
    scopeDomain: 'tout le domaine {{domain}}',
    saving: 'Enregistrement…',
    corrected: 'C’est noté. Nouveau verdict : {{verdict}}.',
  },
  identities: {
    nav: 'Identités',
    title: 'Vos identités',
    intro:
      'Chacune de vos adresses, selon qu’elle est personnelle ou professionnelle, et privée (jamais publiée) ou publique. Une adresse privée qui reçoit du marketing a été divulguée.',
    personal: 'Personnelle',
    professional: 'Professionnelle',
    private: 'Privée',
    public: 'Publique',
    cellLabel: '{{kind}} et {{visibility}}',
    cellEmpty: 'Aucune adresse',
    messages_one: '{{count, number}} message reçu',
    messages_other: '{{count, number}} messages reçus',
    kind: 'Type',
    visibility: 'Visibilité',
    origin: {
      account: 'adresse du compte',
      seen: 'vue dans vos messages',
      user: 'ajoutée par vous',
    },
    leak: 'Adresse divulguée : reçue d’abord de {{advertiser}} via {{router}} le {{date}}',
    leakNoRouter: 'Adresse divulguée : reçue d’abord de {{advertiser}} le {{date}}',
    unknownAdvertiser: 'un expéditeur inconnu',
    openLeak: 'Voir ce message',
    none: 'Aucune adresse pour l’instant : elles apparaissent à l’analyse de vos messages.',
  },
  evidence: {
    nav: 'Preuves',
    title: 'Dossiers de plainte',
    intro:
      'Pour un annonceur qui n’a pas tenu compte de votre opposition : les messages originaux, la preuve de votre demande, la chronologie, un rapport PDF et le texte de la plainte CNIL, dans un dossier vérifiable. Ce n’est pas un avis juridique.',
    none: 'Aucun annonceur ne vous a encore envoyé de prospection non sollicitée.',
    casesCaption: 'Annonceurs pour lesquels un dossier peut être constitué',
    advertiser: 'Annonceur',
    messages: 'Messages',
    objected: 'Opposition',
    notObjected: 'aucune (Signal Spam)',
    messageCount_one: '{{count, number}} message',
    messageCount_other: '{{count, number}} messages',
    language: 'Langue du rapport',
    export: 'Constituer le dossier',
    exporting: 'Constitution en cours…',
    preparing: 'Préparation des sources…',
    progress: '{{done, number}} sur {{total, number}} étapes',
    resultLabel: 'Dossier constitué',
    made: '{{files, number}} fichiers, {{messages, number}} messages dont {{violations, number}} après l’échéance.',
    intact: 'Dossier intact : {{count, number}} fichiers vérifiés (SHA-256).',
    altered: 'Le dossier a été modifié : voir ci-dessous.',
    problem: {
      altered: 'Modifié :',
      missing: 'Manquant :',
      unexpected: 'En trop :',
    },
    dkimResult: {
      pass: 'valide',
      fail: 'invalide',
      neutral: 'non vérifiable',
      none: 'absente',
      policy: 'refusée (clé faible)',
      temperror: 'non vérifiée (DNS)',
    },
    dkim: 'signature DKIM {{kept}} à réception, {{now}} hors ligne',
    verifyAgain: 'Vérifier de nouveau',
    saveZip: 'Enregistrer le ZIP',
  },
  import: {
    action: 'Importer une boîte (.mbox ou dossier .eml)',
    actionHint:
      'Un export de Thunderbird, d’Apple Mail ou de Google Takeout. Inbox Guard le lit sans jamais le modifier.',
    title: 'Importer une boîte mail',
    intro:
      'Inbox Guard lit une copie de vos messages : un fichier .mbox (export de Thunderbird, d’Apple Mail ou de Google Takeout), un fichier .eml ou un dossier de fichiers .eml. Le fichier d’origine reste intact.',
    chooseFile: 'Choisir un fichier .mbox ou .eml…',
    chooseFolder: 'Choisir un dossier de fichiers .eml…',
    path: 'Emplacement du fichier ou du dossier',
    pathHint:
      'Le chemin complet sur l’ordinateur où tourne Inbox Guard, par exemple /home/camille/Mail/Archives.mbox.',
    submit: 'Importer',
    importing: 'Import en cours…',
    importingHint:
      'Inbox Guard lit les messages un à un ; une grosse boîte peut demander quelques minutes.',
    reportTitle: 'Résultat de l’import',
    imported_one: '{{count, number}} message importé.',
    imported_other: '{{count, number}} messages importés.',
    nothingNew: 'Aucun nouveau message : tout avait déjà été importé.',
    skipped_one: '{{count, number}} élément laissé de côté',
    skipped_other: '{{count, number}} éléments laissés de côté',
    skippedHint:
      'Inbox Guard n’importe que ce qui a la forme d’un e-mail. Pour chaque élément, la raison (en anglais) :',
    links_one: '{{count, number}} lien symbolique suivi',
    links_other: '{{count, number}} liens symboliques suivis',
    open: 'Voir les messages importés',
  },
  files: {
    saveSource: 'Enregistrer la source (.eml)',
    saveSourceTitle: 'Le message tel qu’il a été reçu, octet pour octet',
    preparing: 'Préparation…',
    saved: 'Enregistré :',
    downloaded: 'Téléchargé :',
    showInFolder: 'Afficher dans le dossier',
  },
  progress: {
    classify: 'Analyse des messages',
    region: 'Tâches en cours',
    counted: '{{done, number}} sur {{total, number}}',
  },
  toast: {
    detectionFailed: 'L’analyse des messages a échoué',
    region: 'Notifications',
    close: 'Fermer la notification',
  },
  errors: {
    theServer: 'le serveur',
    unknown: 'inconnue',
    field: 'Le champ « {{field}} » n’est pas valide : corrigez-le puis réessayez.',
    transport:
      'Inbox Guard ne répond plus. Si vous l’avez lancé avec « npm run serve », vérifiez qu’il tourne toujours, puis rechargez la page.',
    download:
      'Le fichier n’a pas pu être téléchargé, ou son lien a expiré. Cliquez à nouveau sur le bouton pour en préparer un nouveau.',
    INVALID_INPUT:
      'Une information saisie n’est pas valide : vérifiez le formulaire puis réessayez.',
    UNKNOWN_CALL:
      'Cette fenêtre ne correspond pas à la version d’Inbox Guard qui tourne. Fermez-la et relancez l’application.',
    UNAUTHORIZED:
      'Cette page n’a pas la clé d’accès à Inbox Guard. Ouvrez l’adresse complète affichée par « npm run serve » : elle contient la clé.',
    NOT_FOUND:
      'Cet élément n’existe plus ; il a sans doute été supprimé entre-temps. Actualisez la liste.',
    CONFLICT:
      'Cette boîte mail est déjà configurée dans Inbox Guard. Modifiez le compte existant plutôt que d’en ajouter un second.',
    AUTH_FAILED:
      'Identifiant ou mot de passe refusé par {{server}}. Vérifiez les deux ; Gmail, Outlook, Yahoo et iCloud exigent un mot de passe d’application plutôt que votre mot de passe habituel.',
    PASSWORD_REQUIRED:
      'Vous avez changé de serveur : saisissez à nouveau le mot de passe. Par sécurité, Inbox Guard n’envoie le mot de passe enregistré qu’au serveur qui l’a accepté.',
    HOST_NOT_FOUND:
      'Impossible de trouver {{server}} sur le réseau. Vérifiez le nom du serveur et votre connexion à Internet.',
    HOST_UNREACHABLE:
      'Impossible de joindre {{server}} : la connexion a été refusée ou le réseau ne répond pas. Vérifiez le port et la sécurité (TLS utilise d’habitude le port 993, STARTTLS le port 143).',
    TLS_CERT_UNTRUSTED:
      'Le certificat de sécurité présenté par {{server}} n’est pas reconnu. Si ce serveur utilise son propre certificat, comparez son empreinte avec celle que vous a donnée son administrateur, puis faites-lui confiance pour ce compte.',
    TLS_PIN_MISMATCH:
      'Le certificat de {{server}} a changé depuis que vous lui avez fait confiance (nouvelle empreinte : {{fingerprint}}). Quelqu’un intercepte peut-être la connexion : renseignez-vous auprès de votre fournisseur avant de faire confiance au nouveau certificat.',
    TLS_HANDSHAKE_FAILED:
      'La connexion sécurisée avec {{server}} n’a pas pu être établie. Vérifiez le réglage de sécurité : le port 993 utilise TLS, le port 143 STARTTLS.',
    TIMEOUT:
      'Pas de réponse de {{server}} dans le délai imparti. Vérifiez le nom du serveur et le port, ou réessayez plus tard.',
    CONNECTION_LOST:
      'La connexion avec {{server}} a été interrompue. Vérifiez votre connexion à Internet, puis réessayez.',
    PLAIN_NOT_ALLOWED:
      'Sans chiffrement, votre mot de passe circulerait en clair jusqu’à {{server}}. Choisissez TLS ou STARTTLS ; la connexion sans chiffrement est réservée aux serveurs installés sur cet ordinateur.',
    SECRETS_UNAVAILABLE:
      'Inbox Guard ne peut pas protéger vos mots de passe sur cet ordinateur et refuse donc de les enregistrer. Vérifiez que le trousseau du système (ou le fichier de clé du dossier de données) est accessible, puis réessayez.',
    DB_FROM_FUTURE:
      'Vos données ont été enregistrées par une version plus récente d’Inbox Guard. Installez cette version ou une plus récente ; celle-ci ne les modifiera pas.',
    IMPORT_FAILED:
      'L’import n’a pas abouti : aucun message lisible à cet emplacement. Choisissez un fichier .mbox, un fichier .eml ou un dossier de fichiers .eml.',
    CANCELLED: 'Annulé avant d’avoir commencé : rien n’a été fait.',
    NOT_UNDOABLE:
      'Cette action ne peut pas être annulée (une suppression définitive, un envoi, ou une action dont l’issue est inconnue). Vérifiez l’état de la boîte sur le serveur.',
    DETECTION_FAILED:
      'Inbox Guard n’a pas pu analyser certains messages : ils sont marqués « Analyse impossible ». Le fichier journal du dossier de données en donne le détail.',
    INTERNAL:
      'Une erreur inattendue s’est produite dans Inbox Guard. Réessayez ; si elle revient, le fichier journal du dossier de données en donne le détail.',
  },
};

export type Messages = typeof fr;

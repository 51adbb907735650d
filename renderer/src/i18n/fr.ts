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
    foldersOf: 'Dossiers de {{name}}',
    refreshFolders: 'Actualiser les dossiers',
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
    notFetched_one:
      'Le serveur compte {{count, number}} message dans ce dossier. Inbox Guard ne l’a pas encore lu : la synchronisation arrive dans une prochaine version.',
    notFetched_other:
      'Le serveur compte {{count, number}} messages dans ce dossier. Inbox Guard ne les a pas encore lus : la synchronisation arrive dans une prochaine version.',
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
    passwordKeep:
      'Laissez vide pour garder le mot de passe enregistré ; saisissez-le pour tester la connexion.',
    smtpPassword: 'Mot de passe SMTP',
    smtpPasswordHint: 'Laissez vide s’il est identique à celui de la réception.',
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
  progress: {
    region: 'Tâches en cours',
    counted: '{{done, number}} sur {{total, number}}',
  },
  toast: {
    region: 'Notifications',
    close: 'Fermer la notification',
  },
  errors: {
    theServer: 'le serveur',
    unknown: 'inconnue',
    field: 'Le champ « {{field}} » n’est pas valide : corrigez-le puis réessayez.',
    transport:
      'Inbox Guard ne répond plus. Si vous l’avez lancé avec « npm run serve », vérifiez qu’il tourne toujours, puis rechargez la page.',
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
    INTERNAL:
      'Une erreur inattendue s’est produite dans Inbox Guard. Réessayez ; si elle revient, le fichier journal du dossier de données en donne le détail.',
  },
};

export type Messages = typeof fr;

/**
 * Wording that tells what kind of mail a message is, in French and English.
 * Matched with indexOf plus a word-boundary check: no regexes over bodies.
 */

export const TRANSACTIONAL_PHRASES = [
  'your order',
  'order confirmation',
  'order #',
  'has shipped',
  'out for delivery',
  'tracking number',
  'invoice',
  'receipt',
  'payment received',
  'payment confirmation',
  'password reset',
  'reset your password',
  'verification code',
  'verify your email',
  'confirm your email',
  'security alert',
  'new sign-in',
  'sign-in attempt',
  'booking confirmation',
  'your booking',
  'your reservation',
  'e-ticket',
  'boarding pass',
  'statement is ready',
  'renewal notice',
  'your refund',
  'one-time code',
  'your appointment',
  'votre commande',
  'confirmation de commande',
  'commande n°',
  'a été expédiée',
  'a été expédié',
  'en cours de livraison',
  'numéro de suivi',
  'votre colis',
  'facture',
  'votre reçu',
  'paiement reçu',
  'confirmation de paiement',
  'mot de passe',
  'code de vérification',
  'code de confirmation',
  'confirmez votre adresse',
  'vérifiez votre adresse',
  'alerte de sécurité',
  'nouvelle connexion',
  'tentative de connexion',
  'votre réservation',
  'confirmation de réservation',
  'votre billet',
  "carte d'embarquement",
  'relevé de compte',
  'votre relevé',
  'avis d’échéance',
  "avis d'échéance",
  'remboursement effectué',
  'votre rendez-vous',
  'rappel de rendez-vous',
  'prélèvement',
  'confirmez votre inscription',
  'confirm your subscription',
  'subscription has been renewed',
  'abonnement a été renouvelé',
  'nouveau commentaire',
  'new comment',
  'vous a mentionné',
  'mentioned you',
  'a partagé',
  'shared a document',
];

export const MARKETING_PHRASES = [
  '% off',
  'sale ends',
  'discount',
  'promo code',
  'free shipping',
  'limited time',
  'last chance',
  'shop now',
  'new arrivals',
  'black friday',
  'cyber monday',
  'exclusive offer',
  'special offer',
  'newsletter',
  'weekly digest',
  'webinar',
  "don't miss",
  'save up to',
  'this week in',
  'register now',
  'early bird',
  'soldes',
  'code promo',
  'livraison offerte',
  'livraison gratuite',
  'offre exclusive',
  'offre spéciale',
  'dernière chance',
  'derniers jours',
  "jusqu'à -",
  'réduction',
  'nouveautés',
  'nouvelle collection',
  'bons plans',
  "lettre d'information",
  'webinaire',
  'ne manquez pas',
  'découvrez',
  'profitez',
  'vente privée',
  'french days',
  'inscrivez-vous',
  'à ne pas manquer',
  'édition du',
  'au sommaire',
];

export const SALES_PHRASES = [
  'quick question',
  'quick call',
  '15 minutes',
  '15-minute',
  '15 min',
  '20 minutes',
  'demo',
  'book a call',
  'book a meeting',
  'grab a time',
  'worth a chat',
  'are you the right person',
  'right person to speak',
  'who handles',
  'reaching out',
  'i came across',
  'would you be open',
  'companies like yours',
  'help companies like',
  'generate more leads',
  'book more meetings',
  'schedule a call',
  'hop on a call',
  'je me permets',
  'petite question',
  'démo',
  'démonstration',
  'un créneau',
  'un rapide échange',
  'un court échange',
  'un échange de',
  'prendre rendez-vous',
  'la bonne personne',
  "qui s'occupe",
  "j'ai vu que",
  "j'ai remarqué",
  'nous aidons',
  'nous accompagnons',
  'entreprises comme la vôtre',
  'générer des leads',
  'plus de rendez-vous',
  'seriez-vous disponible',
  'seriez-vous ouvert',
  'auriez-vous',
  'partenariat',
  'votre prospection',
  'profils disponibles',
  'recrutez-vous',
  'candidates available',
];

export const FOLLOW_UP_PHRASES = [
  'following up',
  'just following up',
  'bumping this',
  'circling back',
  'did you get a chance',
  'my previous email',
  'my last email',
  "haven't heard back",
  'last attempt',
  'relance',
  'je reviens vers vous',
  'je me permets de revenir',
  'mon précédent message',
  'mon précédent e-mail',
  'mon dernier message',
  'sans réponse de votre part',
  'petite relance',
  'dernière tentative',
  'avez-vous eu le temps',
];

/** A recruiter approaching a candidate is not selling anything. */
export const RECRUITING_PHRASES = [
  'un poste de',
  'je recrute',
  'consultante en recrutement',
  'consultant en recrutement',
  'cabinet de recrutement',
  'opportunité de poste',
  "i'm a recruiter",
  'i am a recruiter',
  "i'm hiring for",
  'hiring for a',
  'a role with',
  'the role',
];

export const SCAM_PHRASES = [
  'verify your account',
  'account will be suspended',
  'account has been suspended',
  'unusual activity',
  'you have won',
  'claim your prize',
  'lottery',
  'inheritance',
  'beneficiary',
  'wire transfer',
  'gift card',
  'bitcoin',
  'crypto investment',
  'dear customer',
  'update your payment',
  'mailbox is full',
  'vous avez gagné',
  'héritage',
  'votre compte sera suspendu',
  'compte a été suspendu',
  'activité inhabituelle',
  'mettre à jour vos informations',
  'colis en attente',
  'frais de livraison de',
  'frais de réexpédition',
  'carte vitale',
  'cher client',
  'investissement crypto',
  'boîte mail est pleine',
  'remboursement en attente',
  'virement urgent',
  'btc',
  'withdraw now',
  'withdraw your funds',
  'airdrop',
  'acquisition confidentielle',
];

export const UNSUBSCRIBE_PHRASES = [
  'unsubscribe',
  'opt out',
  'opt-out',
  'manage preferences',
  'email preferences',
  'désinscri',
  'désabonner',
  'désabonnement',
  'ne plus recevoir',
  'gérer vos préférences',
  'vous opposer',
];

export const CALENDAR_HOSTS = [
  'calendly.com',
  'cal.com',
  'meetings.hubspot.com',
  'meetings-eu1.hubspot.com',
  'zcal.co',
  'savvycal.com',
  'chilipiper.com',
  'youcanbook.me',
  'tidycal.com',
  'koalendar.com',
  'acuityscheduling.com',
  'calendar.app.google',
];

/** Local parts of generic (role) addresses: not a person's nominative address. */
export const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  'info',
  'contact',
  'hello',
  'bonjour',
  'accueil',
  'admin',
  'office',
  'sales',
  'ventes',
  'commercial',
  'support',
  'help',
  'team',
  'equipe',
  'jobs',
  'rh',
  'hr',
  'compta',
  'comptabilite',
  'billing',
  'facturation',
  'marketing',
  'press',
  'presse',
  'webmaster',
  'postmaster',
  'abuse',
  'noreply',
  'no-reply',
  'news',
  'newsletter',
  'direction',
  'secretariat',
]);

/**
 * A list of phrases compiled into one regex of literal alternatives: one
 * pass over the text instead of one search per phrase, and no backtracking
 * beyond the literals. Matches are kept only at word boundaries ("demo" does
 * not match "democracy").
 */
export class PhraseMatcher {
  private readonly re: RegExp;

  constructor(phrases: readonly string[]) {
    const sorted = [...phrases].sort((a, b) => b.length - a.length);
    this.re = new RegExp(
      sorted.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
      'g',
    );
  }

  /** The leftmost phrase present, or null. */
  first(text: string): string | null {
    return this.all(text, 1)[0] ?? null;
  }

  /** Distinct phrases present, in order of appearance, at most `limit`. */
  all(text: string, limit = 5): string[] {
    const found: string[] = [];
    if (!text) return found;
    const re = this.re;
    re.lastIndex = 0;
    for (let guard = 0; guard < 200 && found.length < limit; guard++) {
      const m = re.exec(text);
      if (!m) break;
      const phrase = m[0];
      const end = m.index + phrase.length;
      if (
        isBoundary(text, m.index - 1, phrase[0]!) &&
        isBoundary(text, end, phrase[phrase.length - 1]!) &&
        !found.includes(phrase)
      )
        found.push(phrase);
      re.lastIndex = m.index + 1;
    }
    return found;
  }
}

function isBoundary(text: string, index: number, edge: string): boolean {
  if (!isWordChar(edge)) return true;
  if (index < 0 || index >= text.length) return true;
  return !isWordChar(text[index]!);
}

function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 224 && c <= 255) || c === 339;
}

export const MATCHERS = {
  transactional: new PhraseMatcher(TRANSACTIONAL_PHRASES),
  marketing: new PhraseMatcher(MARKETING_PHRASES),
  sales: new PhraseMatcher(SALES_PHRASES),
  followUp: new PhraseMatcher(FOLLOW_UP_PHRASES),
  recruiting: new PhraseMatcher(RECRUITING_PHRASES),
  scam: new PhraseMatcher(SCAM_PHRASES),
  unsubscribe: new PhraseMatcher(UNSUBSCRIBE_PHRASES),
};

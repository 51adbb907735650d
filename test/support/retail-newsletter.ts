/**
 * The text of a French retail newsletter, as a shop's own server sends it: the offer, its links
 * on the shop's domain, the footer a newsletter carries (why you receive it, how to leave, who
 * sends it). The evidence and detection tests and the bench need mail the app reads as a
 * newsletter from an advertiser, not a three-line message it could take for spam.
 */
export function retailNewsletterText(advertiser: string, brand: string, n: number): string {
  const site = `https://www.${advertiser}`;
  return [
    'Bonjour,',
    '',
    'Profitez de nos offres exclusives : livraison offerte dès 30 € d’achat.',
    `Découvrez la nouvelle collection maison et jardin : ${site}/collection?utm_source=newsletter&utm_campaign=offre-${n}`,
    `Nos coups de cœur de la semaine : ${site}/selection?utm_source=newsletter&utm_campaign=offre-${n}`,
    `Retrouvez votre magasin le plus proche : ${site}/magasins`,
    '',
    'À très bientôt,',
    `L’équipe ${brand}`,
    '',
    `Vous recevez cet e-mail car vous êtes inscrit(e) à la newsletter de ${brand}.`,
    `Pour vous désinscrire de notre newsletter : https://news.${advertiser}/desabonnement?u=${n}`,
    `Gérer mes préférences : ${site}/mon-compte/preferences`,
    `${brand} SAS, 12 rue des Lilas, 69003 Lyon. Données personnelles : dpo@${advertiser}`,
    '',
  ].join('\r\n');
}

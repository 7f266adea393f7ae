import type { Catalog } from "./en.js";

export const fr = {
  common: {
    skipToContent: "Aller au contenu principal",
    loading: "Chargement…",
    retry: "Réessayer",
    errorTitle: "Une erreur est survenue",
    errorDescription: "Impossible de charger cette page. Vérifiez votre connexion et réessayez.",
    notFoundTitle: "Page introuvable",
    notFoundDescription: "La page demandée n’existe pas ou a été déplacée.",
    backHome: "Revenir à la page d’accueil",
  },
  portal: {
    title: "Portail de facturation {{merchant}}",
    label: "Portail de facturation",
    homeEmptyTitle: "Rien à afficher pour l’instant",
    homeEmptyDescription: "Vos factures, paiements et abonnements apparaîtront ici.",
  },
  console: {
    title: "Console {{merchant}}",
    label: "Console",
    homeEmptyTitle: "Rien à afficher pour l’instant",
    homeEmptyDescription: "Les clients, les factures et les réglages apparaîtront ici.",
    version: "Portico {{version}}",
  },
} as const satisfies Catalog;

import type { Catalog } from "../en/index.js";

export const common: Catalog["common"] = {
  skipToContent: "Aller au contenu principal",
  loading: "Chargement…",
  retry: "Réessayer",
  errorTitle: "Une erreur est survenue",
  errorDescription: "Impossible de charger cette page. Vérifiez votre connexion et réessayez.",
  notFoundTitle: "Page introuvable",
  notFoundDescription: "La page demandée n’existe pas ou a été déplacée.",
  backHome: "Revenir à la page d’accueil",
  signOut: "Se déconnecter",
  signingOut: "Déconnexion…",
  signedOut: "Vous êtes déconnecté.",
  forbiddenTitle: "Non disponible",
  cancel: "Annuler",
  close: "Fermer",
  shortcutsTitle: "Raccourcis clavier",
  shortcutsShow: "Afficher les raccourcis clavier",
  shortcutsListMove: "Aller à l’élément suivant ou précédent d’une liste",
  shortcutsListOpen: "Ouvrir l’élément sélectionné",
};

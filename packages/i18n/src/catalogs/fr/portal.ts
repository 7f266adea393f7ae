import type { Catalog } from "../en/index.js";

export const portal: Catalog["portal"] = {
  title: "Portail de facturation {{merchant}}",
  label: "Portail de facturation",
  signInDescription: "Connectez-vous pour voir vos factures, paiements et abonnements.",
  welcome: "Bienvenue, {{name}}",
  backToMerchant: "Retour à {{merchant}}",
  nav: "Compte",
  navHome: "Aperçu",
  navSessions: "Vos sessions",
  linkOpening: "Ouverture de votre portail de facturation…",
  linkInvalidTitle: "Ce lien a expiré ou a déjà été utilisé",
  linkInvalidDescription:
    "Demandez un nouveau lien, ou connectez-vous avec votre adresse e-mail et votre mot de passe.",
  linkSignIn: "Se connecter",
  sessionsTitle: "Vos sessions",
  sessionsDescription:
    "Les appareils connectés à votre compte. Déconnectez ceux que vous ne reconnaissez pas.",
  sessionsForbidden:
    "Les sessions se gèrent après connexion avec votre propre adresse e-mail et mot de passe.",
  sessionRevoked: "La session a été déconnectée.",
  sessionsRevokeAll: "Se déconnecter partout ailleurs",
  sessionsRevokedAll_one: "{{count}} autre session déconnectée.",
  sessionsRevokedAll_other: "{{count}} autres sessions déconnectées.",
  sessionsActionFailed: "Cela n’a pas fonctionné. Réessayez.",
  sessionsOnlyThis: "Aucun autre appareil n’est connecté.",
  menu: "Menu",
  navBilling: "Facturation",
  navInvoices: "Factures",
  navPayments: "Historique des paiements",
  navPaymentMethods: "Moyens de paiement",
  navStatements: "Relevés",
  navDocuments: "Documents",
  navBillingDetails: "Coordonnées de facturation",
  navNotifications: "Notifications",
  legal: "Mentions légales",
  privacyPolicy: "Politique de confidentialité",
  termsOfService: "Conditions d’utilisation",
  forbiddenDescription:
    "{{merchant}} n’a pas activé cette partie du portail de facturation. Contactez-les si vous en avez besoin.",
};

import type { Catalog } from "../en/index.js";

export const consoleMessages: Catalog["console"] = {
  title: "Console {{merchant}}",
  label: "Console",
  homeEmptyTitle: "Rien à afficher pour l’instant",
  homeEmptyDescription: "Les clients, les factures et les réglages apparaîtront ici.",
  version: "Portico {{version}}",
  signInDescription: "Connectez-vous pour gérer les clients, les factures et les réglages.",
  welcome: "Bienvenue, {{name}}",
  mfaSetupTitle: "Configurer l’authentification à deux facteurs",
  mfaSetupDescription:
    "Votre rôle exige un second facteur. Scannez un QR code avec une application d’authentification pour terminer la connexion.",
  mfaChallengeTitle: "Confirmez votre identité",
  mfaChallengeDescription:
    "Saisissez le code de votre application d’authentification pour terminer la connexion.",
};

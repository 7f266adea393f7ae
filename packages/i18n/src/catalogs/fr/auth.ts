import type { Catalog } from "../en/index.js";

export const auth: Catalog["auth"] = {
  signInTitle: "Connexion",
  email: "Adresse e-mail",
  password: "Mot de passe",
  submit: "Se connecter",
  submitting: "Connexion…",
  emailRequired: "Saisissez votre adresse e-mail.",
  emailInvalid: "Saisissez une adresse e-mail comme nom@exemple.fr.",
  passwordRequired: "Saisissez votre mot de passe.",
  invalidCredentials: "L’adresse e-mail ou le mot de passe est incorrect.",
  accountLocked: "Compte verrouillé jusqu’à {{time}}. Réessayez ensuite.",
  invalidInput: "Vérifiez l’adresse e-mail et le mot de passe, puis réessayez.",
  failed: "Connexion impossible. Vérifiez votre connexion et réessayez.",
  chooseCustomerTitle: "Choisissez un compte",
  chooseCustomerDescription: "Cette adresse e-mail donne accès à plusieurs comptes.",
  chooseCustomer: "Continuer vers {{name}}",
  mfaPending: "Une vérification en deux étapes est nécessaire pour terminer la connexion.",
};

export const consoleMessages = {
  title: "{{merchant}} console",
  label: "Console",
  homeEmptyTitle: "Nothing to show yet",
  homeEmptyDescription: "Customers, invoices and settings will appear here.",
  version: "Portico {{version}}",
  signInDescription: "Sign in to manage customers, invoices and settings.",
  welcome: "Welcome, {{name}}",
  mfaSetupTitle: "Set up two-factor authentication",
  mfaSetupDescription:
    "Your role requires a second factor. Scan a QR code with an authenticator app to finish signing in.",
  mfaChallengeTitle: "Verify it's you",
  mfaChallengeDescription: "Enter the code from your authenticator app to finish signing in.",
} as const;

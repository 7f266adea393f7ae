export const common = {
  skipToContent: "Skip to main content",
  loading: "Loading…",
  retry: "Try again",
  errorTitle: "Something went wrong",
  errorDescription: "We couldn't load this page. Check your connection and try again.",
  notFoundTitle: "Page not found",
  notFoundDescription: "The page you asked for doesn't exist or has moved.",
  backHome: "Go to the start page",
  signOut: "Sign out",
  signingOut: "Signing out…",
  signedOut: "You have been signed out.",
  forbiddenTitle: "Not available",
} as const;

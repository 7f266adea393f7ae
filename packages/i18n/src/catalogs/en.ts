/** English copy: the source catalog. Every other locale must have the same keys. */
export const en = {
  common: {
    skipToContent: "Skip to main content",
    loading: "Loading…",
    retry: "Try again",
    errorTitle: "Something went wrong",
    errorDescription: "We couldn't load this page. Check your connection and try again.",
    notFoundTitle: "Page not found",
    notFoundDescription: "The page you asked for doesn't exist or has moved.",
    backHome: "Go to the start page",
  },
  portal: {
    title: "{{merchant}} billing portal",
    label: "Billing portal",
    homeEmptyTitle: "Nothing to show yet",
    homeEmptyDescription: "Your invoices, payments and subscriptions will appear here.",
  },
  console: {
    title: "{{merchant}} console",
    label: "Console",
    homeEmptyTitle: "Nothing to show yet",
    homeEmptyDescription: "Customers, invoices and settings will appear here.",
    version: "Portico {{version}}",
  },
} as const;

type Messages<T> = { readonly [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

/** The shape every catalog has: the English keys, any strings. */
export type Catalog = Messages<typeof en>;

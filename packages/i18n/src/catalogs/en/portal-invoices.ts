/** Filled by the screens of this area. */
export const portalInvoices = {} as const;

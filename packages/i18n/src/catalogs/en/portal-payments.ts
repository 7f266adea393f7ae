/** Filled by the screens of this area. */
export const portalPayments = {} as const;

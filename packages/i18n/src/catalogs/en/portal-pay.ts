/** Filled by the screens of this area. */
export const portalPay = {} as const;

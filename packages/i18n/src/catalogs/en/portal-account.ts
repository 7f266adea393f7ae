export const portalAccount = {} as const;

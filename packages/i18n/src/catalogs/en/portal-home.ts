/** Filled by the screens of this area. */
export const portalHome = {} as const;

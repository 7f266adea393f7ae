/** Filled by the screens of this area. */
export const portalProfile = {} as const;

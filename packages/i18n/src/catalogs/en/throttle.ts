export const throttle = {} as const;

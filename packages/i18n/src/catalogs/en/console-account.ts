export const consoleAccount = {} as const;

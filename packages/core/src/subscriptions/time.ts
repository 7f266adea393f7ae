/**
 * Billing instants are whole seconds, as Stripe's: proration counts seconds, and a period
 * that started at .750 would otherwise lose or gain a second depending on who rounds.
 */
export const toSecond = (at: Date): Date => new Date(Math.floor(at.getTime() / 1000) * 1000);

const DAY_MS = 86_400_000;

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

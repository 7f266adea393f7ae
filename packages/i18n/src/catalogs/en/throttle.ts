/** A sign-in, code or reset request refused by the throttle (reason RATE_LIMITED). */
export const throttle = {
  tooManyAttempts: "Too many attempts. Try again at {{time}}.",
  /** When the answer carried no wait time. */
  tooManyAttemptsLater: "Too many attempts. Wait a few minutes, then try again.",
} as const;

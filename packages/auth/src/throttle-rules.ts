/**
 * How often each guessable or mail-sending auth action may be tried, per client IP and per
 * subject (the normalized e-mail, or the signed-in user for MFA), in fixed windows. The
 * account lockout (lockout.ts) still counts wrong answers behind these limits; the
 * throttles bound the guessing and the mail one client or one address can cause.
 */

export type ThrottleAction =
  | "login"
  | "loginCodeRequest"
  | "loginCodeVerify"
  | "passwordResetRequest"
  | "passwordReset"
  | "mfaVerify"
  | "registrationRequest";

/** `points` attempts per `durationSeconds` window. */
export interface ThrottleLimit {
  points: number;
  durationSeconds: number;
}

export interface ThrottleRule {
  /** Namespaces the counters: `<key>:ip:…`, `<key>:<subjectKind>:…`. */
  key: string;
  ip: ThrottleLimit;
  /** What the subject is, for the counter's name; null: the action is throttled per IP only. */
  subjectKind: "email" | "user" | null;
  subject: ThrottleLimit | null;
}

export type ThrottleRules = Record<ThrottleAction, ThrottleRule>;

const TEN_MINUTES = 600;
const FIFTEEN_MINUTES = 900;

export const DEFAULT_THROTTLE_RULES: ThrottleRules = Object.freeze({
  // Password sign-in, portal and console. The e-mail is keyed without the merchant: naming
  // each merchant in turn (or none) must not multiply a guesser's budget.
  login: {
    key: "login",
    ip: { points: 30, durationSeconds: TEN_MINUTES },
    subjectKind: "email",
    subject: { points: 10, durationSeconds: TEN_MINUTES },
  },
  // Sends mail. Each new code replaces the last and a code dies after 5 wrong guesses, so
  // this also bounds code guessing to 3 × 5 tries per window.
  loginCodeRequest: {
    key: "code-request",
    ip: { points: 20, durationSeconds: FIFTEEN_MINUTES },
    subjectKind: "email",
    subject: { points: 3, durationSeconds: FIFTEEN_MINUTES },
  },
  loginCodeVerify: {
    key: "code-verify",
    ip: { points: 30, durationSeconds: TEN_MINUTES },
    subjectKind: "email",
    subject: { points: 10, durationSeconds: TEN_MINUTES },
  },
  // Sends mail (one registration link per matching customer).
  registrationRequest: {
    key: "register-request",
    ip: { points: 20, durationSeconds: FIFTEEN_MINUTES },
    subjectKind: "email",
    subject: { points: 3, durationSeconds: FIFTEEN_MINUTES },
  },
  // Sends mail.
  passwordResetRequest: {
    key: "reset-request",
    ip: { points: 20, durationSeconds: FIFTEEN_MINUTES },
    subjectKind: "email",
    subject: { points: 3, durationSeconds: FIFTEEN_MINUTES },
  },
  // The reset token is 160 random bits and every guess names a different one, so a
  // per-token counter would count nothing: per IP only.
  passwordReset: {
    key: "reset",
    ip: { points: 20, durationSeconds: FIFTEEN_MINUTES },
    subjectKind: null,
    subject: null,
  },
  // TOTP or recovery code after the password; the subject is the user the session belongs to.
  mfaVerify: {
    key: "mfa",
    ip: { points: 30, durationSeconds: TEN_MINUTES },
    subjectKind: "user",
    subject: { points: 10, durationSeconds: TEN_MINUTES },
  },
});

const scaled = (limit: ThrottleLimit, scale: number): ThrottleLimit => ({
  ...limit,
  points: Math.max(1, Math.round(limit.points * scale)),
});

/**
 * The default rules with every limit multiplied by `scale` (THROTTLE_SCALE: more than 1
 * where many users share one address, e.g. behind a corporate NAT) and then any rule
 * replaced outright (tests use short windows).
 */
export function throttleRules(scale = 1, overrides: Partial<ThrottleRules> = {}): ThrottleRules {
  const rules = {} as ThrottleRules;
  for (const action of Object.keys(DEFAULT_THROTTLE_RULES) as ThrottleAction[]) {
    const rule = DEFAULT_THROTTLE_RULES[action];
    rules[action] = overrides[action] ?? {
      ...rule,
      ip: scaled(rule.ip, scale),
      subject: rule.subject && scaled(rule.subject, scale),
    };
  }
  return rules;
}

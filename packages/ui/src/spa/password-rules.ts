/**
 * The new-password minimum, checked before asking the server (which enforces it). Mirrors
 * NEW_PASSWORD_MIN_LENGTH of @portico/validators: importing it would pull zod (~28 KB gzip)
 * into the page chunks; password-rules.test.ts keeps the two equal.
 */
export const NEW_PASSWORD_MIN_LENGTH = 10;

/** Good enough to catch typos before asking the server, which validates for real. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The catalog key of what is wrong with a typed e-mail address, or null when it looks right. */
export function emailProblem(value: string): "auth.emailRequired" | "auth.emailInvalid" | null {
  const trimmed = value.trim();
  if (!trimmed) return "auth.emailRequired";
  return EMAIL.test(trimmed) ? null : "auth.emailInvalid";
}

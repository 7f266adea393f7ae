import { AppError } from "../errors.js";

function tooLong(field: string, max: number): AppError {
  return new AppError("BAD_REQUEST", "FIELD_TOO_LONG", `${field} is at most ${max} characters.`, {
    details: { field, max },
  });
}

/** Trimmed text that must not be empty. */
export function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === "") {
    throw new AppError("BAD_REQUEST", "FIELD_REQUIRED", `${field} is required.`, { details: { field } });
  }
  if (trimmed.length > max) throw tooLong(field, max);
  return trimmed;
}

/** Trimmed text, null when empty. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed.length > max) throw tooLong(field, max);
  return trimmed === "" ? null : trimmed;
}

import type { RouterInputs, RouterOutputs } from "@portico/api";
import { errorDetails, errorReason } from "@portico/ui";

export type Profile = RouterOutputs["portal"]["profile"]["get"];
export type ProfileUpdate = RouterInputs["portal"]["profile"]["update"];
export type EditableField = Profile["editableFields"][number];

/** The form's inputs, all as typed (empty = nothing). */
export interface ProfileForm {
  name: string;
  phone: string;
  taxId: string;
  locale: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}
export type FormField = keyof ProfileForm;
export type AddressPart = "line1" | "line2" | "city" | "state" | "postalCode" | "country";
export const ADDRESS_PARTS: readonly AddressPart[] = [
  "line1",
  "line2",
  "city",
  "state",
  "postalCode",
  "country",
];

/** What is wrong with a field: a key of the portalProfile catalog area. */
export type FieldProblem = "nameRequired" | "phoneInvalid" | "taxIdInvalid" | "addressPartInvalid";
export type FieldErrors = Partial<Record<FormField, FieldProblem>>;

/** Page order, for focusing the first field in error. */
export const FIELD_ORDER: readonly FormField[] = [
  "name",
  "phone",
  "taxId",
  "line1",
  "line2",
  "city",
  "state",
  "postalCode",
];

export function formOf(profile: Profile): ProfileForm {
  const address = profile.address ?? {};
  return {
    name: profile.name,
    phone: profile.phone ?? "",
    taxId: profile.taxId ?? "",
    locale: profile.locale ?? "",
    line1: address.line1 ?? "",
    line2: address.line2 ?? "",
    city: address.city ?? "",
    state: address.state ?? "",
    postalCode: address.postalCode ?? "",
    country: address.country ?? "",
  };
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

function addressOf(form: ProfileForm): ProfileUpdate["address"] {
  const parts = ADDRESS_PARTS.map((part) => [part, orNull(form[part])] as const);
  return parts.every(([, value]) => value === null) ? null : Object.fromEntries(parts);
}

/**
 * What changed since `saved`, limited to the fields the configuration lets the customer
 * edit (the server refuses the whole change otherwise). Empty when nothing changed.
 */
export function changesOf(
  form: ProfileForm,
  saved: Profile,
  editable: readonly EditableField[],
): ProfileUpdate {
  const before = formOf(saved);
  const changed = (field: FormField) => form[field].trim() !== before[field].trim();
  const update: ProfileUpdate = {};
  if (editable.includes("name") && changed("name")) update.name = form.name.trim();
  if (editable.includes("phone") && changed("phone")) update.phone = orNull(form.phone);
  if (editable.includes("taxId") && changed("taxId")) update.taxId = orNull(form.taxId);
  if (editable.includes("locale") && changed("locale")) update.locale = orNull(form.locale);
  if (editable.includes("address") && ADDRESS_PARTS.some(changed)) update.address = addressOf(form);
  return update;
}

// The server's rules (packages/validators portal-profile.ts), checked first for quick feedback.
const PHONE = /^\+?[0-9 ().-]+$/;
const TAX_ID = /^[A-Za-z0-9](?:[A-Za-z0-9 ./-]*[A-Za-z0-9])?$/;

export function validate(form: ProfileForm, editable: readonly EditableField[]): FieldErrors {
  const errors: FieldErrors = {};
  if (editable.includes("name") && form.name.trim() === "") errors.name = "nameRequired";
  const phone = form.phone.trim();
  const digits = phone.replace(/\D/g, "").length;
  if (editable.includes("phone") && phone !== "" && (!PHONE.test(phone) || digits < 6 || digits > 15)) {
    errors.phone = "phoneInvalid";
  }
  const taxId = form.taxId.trim();
  if (editable.includes("taxId") && taxId !== "" && !TAX_ID.test(taxId)) errors.taxId = "taxIdInvalid";
  return errors;
}

/**
 * The problem of a field the server refused, by the path it named (`address.line1`). The
 * selects (country, language) offer only values the server takes: their refusals, like any
 * other, fall back to the form's general error.
 */
function fieldError(path: string): [FormField, FieldProblem] | null {
  const field = path.replace(/^address\./, "") as FormField;
  switch (field) {
    case "name":
      return ["name", "nameRequired"];
    case "phone":
      return ["phone", "phoneInvalid"];
    case "taxId":
      return ["taxId", "taxIdInvalid"];
    case "line1":
    case "line2":
    case "city":
    case "state":
    case "postalCode":
      return [field, "addressPartInvalid"];
    default:
      return null;
  }
}

/** The fields a failed save names (zod issues, or a core reason with `details.field`). */
export function serverFieldErrors(error: unknown): FieldErrors {
  const details = errorDetails(error);
  const paths =
    errorReason(error) === "INVALID_INPUT" && Array.isArray(details.issues)
      ? details.issues.map((issue: { path?: unknown }) => String(issue.path ?? ""))
      : typeof details.field === "string"
        ? [details.field]
        : [];
  return Object.fromEntries(paths.map(fieldError).filter((entry) => entry !== null));
}

/**
 * Country and language names from the browser's own data (Intl.DisplayNames): no name list
 * ships with the portal. Countries are named in the viewer's language and sorted by name;
 * a language is named in itself ("English", "français"), as language pickers do.
 */

export interface Option {
  value: string;
  label: string;
}

export function countryOptions(codes: readonly string[], locale: string): Option[] {
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locale);
  return codes
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** The languages offered, plus `current` when it is a regional tag of one (`en-GB`: "British English"). */
export function languageOptions(tags: readonly string[], current: string | null): Option[] {
  const offered = current && !tags.includes(current) ? [...tags, current] : tags;
  return offered.map((tag) => ({
    value: tag,
    label: new Intl.DisplayNames([tag], { type: "language", fallback: "code" }).of(tag) ?? tag,
  }));
}

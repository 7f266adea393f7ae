import { localeTag } from "@portico/ui";

const UNITS = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;

/** A byte count in the viewer's locale, in the largest unit that keeps it ≥ 1 ("48 kB", "1,2 Mo"). */
export function fileSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(localeTag(), {
    style: "unit",
    unit: UNITS[unit],
    unitDisplay: "short",
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

import type { RouterInputs } from "@portico/api";

type ListInput = RouterInputs["portal"]["invoices"]["list"];
export type StatusFilter = NonNullable<ListInput["status"]>;

export const STATUS_FILTERS = [
  "open",
  "overdue",
  "paid",
  "void",
  "uncollectible",
] as const satisfies readonly StatusFilter[];

/** The list's filters as the URL query string holds them: `?status=overdue&from=2026-01-01&to=…&q=0042`. */
export interface InvoiceFilters {
  status: StatusFilter | null;
  /** Issued on or after this calendar day (YYYY-MM-DD), in the viewer's time zone. */
  from: string | null;
  /** Issued on or before this calendar day. */
  to: string | null;
  /** Part of the invoice number. */
  number: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | null) => (value !== null && DAY.test(value) ? value : null);

/** Filters read from the query string; anything malformed (a hand-edited URL) is ignored. */
export function filtersFromSearch(params: URLSearchParams): InvoiceFilters {
  const status = params.get("status");
  return {
    status: STATUS_FILTERS.find((value) => value === status) ?? null,
    from: day(params.get("from")),
    to: day(params.get("to")),
    number: params.get("q")?.trim().slice(0, 64) ?? "",
  };
}

/** The query string of `filters`, empty ones left out. */
export function filtersToSearch(filters: InvoiceFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.number.trim()) params.set("q", filters.number.trim());
  return params;
}

export const hasFilters = (filters: InvoiceFilters): boolean => filtersToSearch(filters).size > 0;

/** Local midnight starting `day`, `offsetDays` later. */
function startOfDay(day: string, offsetDays = 0): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date + offsetDays).toISOString();
}

/** The `portal.invoices.list` input: whole days in the viewer's time zone, `to` included. */
export function listInput(filters: InvoiceFilters): Omit<ListInput, "limit" | "startingAfter"> {
  const number = filters.number.trim();
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.from ? { issuedFrom: startOfDay(filters.from) } : {}),
    ...(filters.to ? { issuedBefore: startOfDay(filters.to, 1) } : {}),
    ...(number ? { number } : {}),
  };
}

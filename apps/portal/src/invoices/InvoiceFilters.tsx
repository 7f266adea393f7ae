import { useTranslation } from "@portico/i18n";
import { Button, SelectField, TextField } from "@portico/ui";
import { type RefObject, useEffect, useRef, useState } from "react";
import {
  hasFilters,
  type InvoiceFilters as Filters,
  STATUS_FILTERS,
  type StatusFilter,
} from "./invoice-filters.js";

const STATUS_KEYS = {
  open: "portalInvoices.statusOpen",
  overdue: "portalInvoices.statusOverdue",
  paid: "portalInvoices.statusPaid",
  void: "portalInvoices.statusVoid",
  uncollectible: "portalInvoices.statusUncollectible",
} as const satisfies Record<StatusFilter, string>;

/** Typing settles for this long before the search runs. */
const SEARCH_DELAY_MS = 300;

export interface InvoiceFiltersProps {
  filters: Filters;
  /** `replace`: a change made while typing, not worth its own history entry. */
  onChange: (next: Filters, options: { replace: boolean }) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

/** Status, issue-date range and number search of the invoice list. */
export function InvoiceFilters({ filters, onChange, searchRef }: InvoiceFiltersProps) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(filters.number);
  // The search last sent to the URL: a different one there came from back/forward or Clear.
  const sent = useRef(filters.number);
  const latest = useRef(filters);
  latest.current = filters;

  useEffect(() => {
    if (filters.number === sent.current) return;
    sent.current = filters.number;
    setNumber(filters.number);
  }, [filters.number]);

  useEffect(() => {
    if (number.trim() === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = number.trim();
      onChange({ ...latest.current, number }, { replace: true });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [number, onChange]);

  return (
    <form
      className="pt-inv-filters"
      aria-label={t("portalInvoices.filtersLabel")}
      onSubmit={(event) => event.preventDefault()}
    >
      <TextField
        ref={searchRef}
        type="search"
        label={t("portalInvoices.search")}
        value={number}
        maxLength={64}
        autoComplete="off"
        enterKeyHint="search"
        onChange={(event) => setNumber(event.target.value)}
      />
      <SelectField
        label={t("portalInvoices.filterStatus")}
        value={filters.status ?? ""}
        onChange={(event) =>
          onChange(
            { ...filters, status: STATUS_FILTERS.find((s) => s === event.target.value) ?? null },
            { replace: false },
          )
        }
      >
        <option value="">{t("portalInvoices.filterStatusAll")}</option>
        {STATUS_FILTERS.map((status) => (
          <option key={status} value={status}>
            {t(STATUS_KEYS[status])}
          </option>
        ))}
      </SelectField>
      <TextField
        type="date"
        label={t("portalInvoices.filterIssuedFrom")}
        value={filters.from ?? ""}
        max={filters.to ?? undefined}
        onChange={(event) => onChange({ ...filters, from: event.target.value || null }, { replace: true })}
      />
      <TextField
        type="date"
        label={t("portalInvoices.filterIssuedTo")}
        value={filters.to ?? ""}
        min={filters.from ?? undefined}
        onChange={(event) => onChange({ ...filters, to: event.target.value || null }, { replace: true })}
      />
      {hasFilters(filters) && (
        <div className="pt-inv-filters__clear">
          <Button
            variant="secondary"
            onClick={() => {
              onChange({ status: null, from: null, to: null, number: "" }, { replace: false });
              // The button goes away with the filters: keep focus in the form.
              searchRef.current?.focus();
            }}
          >
            {t("portalInvoices.clearFilters")}
          </Button>
        </div>
      )}
    </form>
  );
}

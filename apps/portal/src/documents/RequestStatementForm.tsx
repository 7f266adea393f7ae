import type { RouterOutputs } from "@portico/api";
import { type MessageKey, useTranslation } from "@portico/i18n";
import { Button, errorReason, Notice, TextField } from "@portico/ui";
import { type FormEvent, useId, useState } from "react";
import { trpc } from "../trpc.js";
import {
  type DayRange,
  localToday,
  MAX_STATEMENT_DAYS,
  previousMonth,
  type RangeProblem,
  rangeProblem,
} from "./statement-range.js";

export type StatementFormat = RouterOutputs["portal"]["documents"]["requestStatement"]["format"];
type Statement = RouterOutputs["portal"]["documents"]["requestStatement"];

/** Every format in the order the choice lists them; the configuration may offer fewer. */
const FORMATS = ["pdf", "csv", "xlsx"] as const satisfies readonly StatementFormat[];

/** The range's two date fields, first day first. */
const RANGE_ENDS = [
  { end: "from", label: "portalDocuments.fromLabel" },
  { end: "to", label: "portalDocuments.toLabel" },
] as const satisfies readonly { end: keyof DayRange; label: MessageKey }[];

/** The server's answers that belong to one of the date fields. */
const FIELD_REASONS: Record<string, RangeProblem> = {
  STATEMENT_PERIOD_INVALID: { field: "to", key: "fromAfterTo" },
  STATEMENT_PERIOD_IN_FUTURE: { field: "to", key: "rangeInFuture" },
  STATEMENT_PERIOD_TOO_LONG: { field: "from", key: "rangeTooLong" },
};

export interface RequestStatementFormProps {
  /** The formats the portal configuration offers. */
  formats: readonly StatementFormat[];
  onRequested(statement: Statement): void;
}

/** A date range (last month unless changed) and a format; checked here, then by the server. */
export function RequestStatementForm({ formats, onRequested }: RequestStatementFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [today] = useState(localToday);
  const [range, setRange] = useState<DayRange>(() => previousMonth(today));
  const offered = FORMATS.filter((format) => formats.includes(format));
  const [format, setFormat] = useState<StatementFormat | undefined>(offered[0]);
  const [problem, setProblem] = useState<RangeProblem | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const request = trpc.portal.documents.requestStatement.useMutation({
    onSuccess: onRequested,
    onError: (error) => {
      const reason = errorReason(error) ?? "";
      const fieldProblem = FIELD_REASONS[reason];
      if (fieldProblem) return setProblem(fieldProblem);
      if (reason === "STATEMENT_FORMAT_DISABLED") return setFormError(t("portalDocuments.formatDisabled"));
      if (reason === "STATEMENT_REQUESTS_PENDING") return setFormError(t("portalDocuments.tooManyPending"));
      setFormError(t("portalDocuments.requestFailed"));
    },
  });

  const fieldError = (field: "from" | "to") =>
    problem?.field === field ? t(`portalDocuments.${problem.key}`, { days: MAX_STATEMENT_DAYS }) : null;
  const change = (field: keyof DayRange) => (value: string) => {
    setRange((current) => ({ ...current, [field]: value }));
    setProblem(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = rangeProblem(range, localToday());
    setProblem(found);
    if (found || !format) return;
    request.mutate({ periodStart: range.from, periodEnd: range.to, format });
  };

  return (
    <section className="pt-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("portalDocuments.requestTitle")}</h2>
      <form className="pt-form" onSubmit={submit} noValidate>
        <p className="pt-field__hint">{t("portalDocuments.rangeHint", { days: MAX_STATEMENT_DAYS })}</p>
        <div className="pt-docs-range">
          {RANGE_ENDS.map(({ end, label }) => (
            <TextField
              key={end}
              type="date"
              label={t(label)}
              value={range[end]}
              max={today}
              required
              error={fieldError(end)}
              onChange={(event) => change(end)(event.target.value)}
            />
          ))}
        </div>
        <fieldset className="pt-choice">
          <legend>{t("portalDocuments.formatLegend")}</legend>
          <div className="pt-docs-formats">
            {offered.map((value) => (
              <label key={value} className="pt-check">
                <input
                  type="radio"
                  name="format"
                  value={value}
                  checked={format === value}
                  onChange={() => setFormat(value)}
                />
                {t(`portalDocuments.format_${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <Notice tone="error">{formError && <p>{formError}</p>}</Notice>
        <div className="pt-actions">
          <Button type="submit" disabled={request.isPending || !format}>
            {request.isPending ? t("portalDocuments.requesting") : t("portalDocuments.request")}
          </Button>
        </div>
      </form>
    </section>
  );
}

import type { ReactNode, Ref } from "react";

/*
 * A table that turns into one card per row when its frame is narrow (a phone, or the main
 * column beside the side panel): each cell then shows its column's name before its value.
 * The explicit roles keep it a table for screen readers whatever `display` CSS gives it.
 */

export interface StackColumn {
  label: string;
  /** Amounts: aligned on the end edge. */
  amount?: boolean;
}

const amountClass = (column: StackColumn) => (column.amount ? "pt-inv-amount" : undefined);

export interface StackTableProps {
  caption: string;
  columns: StackColumn[];
  /** Focusable and named, so a keyboard can scroll a wide one that holds no link. */
  focusable?: boolean;
  busy?: boolean;
  bodyRef?: Ref<HTMLTableSectionElement>;
  children: ReactNode;
}

export function StackTable({ caption, columns, focusable, busy, bodyRef, children }: StackTableProps) {
  return (
    <div
      className="pt-table-wrap pt-inv-stack-frame"
      {...(focusable ? { role: "region", "aria-label": caption, tabIndex: 0 } : {})}
    >
      <table role="table" className="pt-table pt-inv-stack" aria-busy={busy}>
        <caption className="pt-visually-hidden">{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column.label} role="columnheader" scope="col" className={amountClass(column)}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" ref={bodyRef}>
          {children}
        </tbody>
      </table>
    </div>
  );
}

export function StackRow({ children }: { children: ReactNode }) {
  return <tr role="row">{children}</tr>;
}

/** The row's title (an invoice number, a line's description): the card's heading line. */
export function StackRowHeader({ children }: { children: ReactNode }) {
  return (
    <th role="rowheader" scope="row" className="pt-inv-stack__title">
      {children}
    </th>
  );
}

/** A value, labelled with its column on a card (hidden from screen readers, which have the header). */
export function StackCell({ column, children }: { column: StackColumn; children: ReactNode }) {
  return (
    <td role="cell" className={amountClass(column)}>
      <span className="pt-inv-stack__label" aria-hidden="true">
        {column.label}
      </span>
      <span className="pt-inv-stack__value">{children}</span>
    </td>
  );
}

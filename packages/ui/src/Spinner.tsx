/** An indeterminate progress indicator announced to screen readers as `label`. */
export function Spinner({ label }: { label: string }) {
  return (
    <span role="status" className="pt-spinner">
      <span className="pt-visually-hidden">{label}</span>
    </span>
  );
}

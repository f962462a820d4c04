/** The head of an admin queue (moderation, safety alerts): which entries to show, Refresh, and anything the queue adds. */
import { useId, type ReactNode } from 'react';

export function QueueFilter<S extends string>({
  value,
  filters,
  onChange,
  onRefresh,
  children,
}: {
  value: S;
  filters: readonly { id: S; label: string }[];
  onChange(status: S): void;
  onRefresh(): void;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="row moderation-controls">
      <div className="field filter">
        <label htmlFor={`${id}-status`}>Show</label>
        <select id={`${id}-status`} value={value} onChange={(ev) => onChange(ev.target.value as S)}>
          {filters.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn btn-small btn-quiet" onClick={onRefresh}>
        Refresh
      </button>
      {children}
    </div>
  );
}

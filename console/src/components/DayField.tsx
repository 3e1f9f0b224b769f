import { INPUT } from './styles';

/** A labelled day (the API's YYYY-MM-DD), as the filters and reports ask for one. */
export function DayField({ label, value, onChange }: { label: string; value: string; onChange(day: string): void }) {
  return (
    <label className="flex flex-col text-sm">{label}
      <input type="date" value={value} onChange={(event) => onChange(event.target.value)} className={INPUT} />
    </label>
  );
}

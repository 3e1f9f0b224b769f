import type { InputHTMLAttributes } from 'react';
import { forwardRef } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  /** Ties the label and the error to the input. */
  readonly id: string;
  readonly label: string;
  readonly error?: string | undefined;
}

/** A labelled input; its error is announced and tied to it (aria-describedby). */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field({ label, error, id, ...input }, ref) {
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">{label}</label>
      <input
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="rounded border border-slate-400 px-3 py-2 text-slate-900"
        {...input}
      />
      {error && <p id={errorId} role="alert" className="text-sm text-red-800">{error}</p>}
    </div>
  );
});

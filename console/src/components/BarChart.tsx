import { useId } from 'react';
import { useIntl } from 'react-intl';

export interface Series {
  readonly label: string;
  readonly values: readonly number[];
  /** A Tailwind fill class: colour comes from the style sheet, since the content policy allows no inline style. */
  readonly fill: string;
}

interface BarChartProps {
  readonly title: string;
  /** One label per group of bars, in order. */
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  readonly format: (value: number) => string;
  /** A note under a group's label (a due date, say), and whether it calls for attention. */
  readonly notes?: readonly ({ text: string; alert: boolean } | null)[];
}

const HEIGHT = 160;
const AXIS = 100;

/**
 * Grouped bars on a zero baseline, drawn as SVG: the page's own elements, so no chart library and nothing the content
 * policy forbids. The same figures follow in a table that can be opened, for those who read rather than look and
 * for screen readers.
 */
export function BarChart({ title, labels, series, format, notes }: BarChartProps) {
  const intl = useIntl();
  const id = useId();
  // Bars grow up from zero, and below it for a negative value (a period that nets in the agency's favour).
  const values = series.flatMap((one) => one.values);
  const top = Math.max(0, ...values);
  const bottom = Math.min(0, ...values);
  const scale = (HEIGHT - 12) / Math.max(1, top - bottom);
  const zero = HEIGHT - -bottom * scale;
  // A few groups get room for their whole label under them; many share theirs, one in every few.
  const slot = labels.length <= 8 ? 88 : 28;
  const every = labels.length <= 8 ? 1 : Math.ceil(labels.length / 10);
  const bar = (slot - 6) / Math.max(1, series.length);
  const width = AXIS + labels.length * slot;
  return (
    <figure aria-labelledby={`${id}-title`} className="flex flex-col gap-2 rounded bg-white p-4 shadow">
      <figcaption id={`${id}-title`} className="text-lg font-semibold">{title}</figcaption>
      <ul className="flex flex-wrap gap-4 text-sm">
        {series.map((one) => (
          <li key={one.label} className="flex items-center gap-1">
            <svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" className={one.fill} /></svg>
            {one.label}
          </li>
        ))}
      </ul>
      {/* Focusable, so that a keyboard can scroll a chart wider than the page. */}
      <div className="overflow-x-auto" dir="ltr" tabIndex={0}>
        <svg role="img" aria-labelledby={`${id}-title`} width={width} height={HEIGHT + 24}
          viewBox={`0 0 ${width} ${HEIGHT + 24}`} className="text-slate-700">
          {top > 0 && (
            <text x={AXIS - 6} y={10} textAnchor="end" className="fill-current text-[10px]">{format(top)}</text>
          )}
          <text x={AXIS - 6} y={zero} textAnchor="end" className="fill-current text-[10px]">{format(0)}</text>
          {bottom < 0 && (
            <text x={AXIS - 6} y={HEIGHT} textAnchor="end" className="fill-current text-[10px]">{format(bottom)}</text>
          )}
          <line x1={AXIS} x2={width} y1={zero} y2={zero} className="stroke-slate-400" />
          {labels.map((label, group) => (
            <g key={label}>
              {series.map((one, index) => {
                const value = one.values[group] ?? 0;
                const height = Math.abs(value) * scale;
                return (
                  <rect key={one.label} x={AXIS + group * slot + 3 + index * bar} y={value >= 0 ? zero - height : zero}
                    width={bar - 1} height={height} className={one.fill}>
                    <title>{`${label} · ${one.label}: ${format(value)}`}</title>
                  </rect>
                );
              })}
              {notes?.[group]?.alert && (
                <circle cx={AXIS + group * slot + slot / 2} cy={HEIGHT + 8} r={4} className="fill-red-700" />
              )}
              {group % every === 0 && (
                <text x={AXIS + group * slot + slot / 2} y={HEIGHT + 20} textAnchor="middle"
                  className="fill-current text-[9px]">{label}</text>
              )}
            </g>
          ))}
        </svg>
      </div>
      <details>
        <summary className="cursor-pointer text-sm text-teal-900 underline">
          {intl.formatMessage({ id: 'charts.asTable' })}
        </summary>
        <table className="mt-2 text-sm">
          <thead>
            <tr>
              <th scope="col" className="pe-4 text-start">{intl.formatMessage({ id: 'charts.when' })}</th>
              {series.map((one) => <th key={one.label} scope="col" className="pe-4 text-end">{one.label}</th>)}
              {notes && <th scope="col" className="text-start">{intl.formatMessage({ id: 'charts.note' })}</th>}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, group) => (
              <tr key={label} className="border-t border-slate-200">
                <th scope="row" className="pe-4 text-start font-normal">{label}</th>
                {series.map((one) => (
                  <td key={one.label} className="pe-4 text-end tabular-nums">{format(one.values[group] ?? 0)}</td>
                ))}
                {notes && <td className={notes[group]?.alert ? 'text-red-800' : ''}>{notes[group]?.text ?? ''}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

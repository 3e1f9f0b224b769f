// The console's few control styles, in one place.
export const PRIMARY = 'rounded bg-teal-800 px-4 py-2 font-medium text-white hover:bg-teal-900 disabled:opacity-60';
export const SECONDARY = 'rounded border border-teal-800 px-3 py-1 text-teal-900 hover:bg-teal-50 disabled:opacity-60';
export const DANGER = 'rounded border border-red-800 px-4 py-2 text-red-900 hover:bg-red-50 disabled:opacity-60';
export const INPUT = 'rounded border border-slate-400 px-2 py-1';

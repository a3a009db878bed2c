// Sorting the case list, and reading its filters, away from the screen so they can be tested.
import type { CaseFilter, CaseRow } from "./api";

export type SortKey = "reference" | "received_on" | "councillor" | "platform" | "stage" | "capacity_determination";


function compare(a: CaseRow, b: CaseRow, key: SortKey, stages: readonly string[]): number {
  if (key === "stage") return stages.indexOf(a.stage) - stages.indexOf(b.stage);
  if (key === "reference") {
    // SC-2026-014: by year, then number.
    const part = (r: string, i: number) => Number(r.split("-")[i] ?? 0);
    return part(a.reference, 1) - part(b.reference, 1) || part(a.reference, 2) - part(b.reference, 2);
  }
  return a[key].localeCompare(b[key], "en-GB");
}

/** A sorted copy; ties keep the newest first. Stages sort in `stages` order (the procedure's, as
 * the core lists them). */
export function sortCases(rows: CaseRow[], key: SortKey, ascending: boolean, stages: readonly string[] = []): CaseRow[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => (ascending ? 1 : -1) * compare(x.row, y.row, key, stages) || x.i - y.i)
    .map((x) => x.row);
}

/** The filter to send: empty choices are left out. */
export function toFilter(f: Record<keyof CaseFilter, string>): CaseFilter {
  const out: CaseFilter = {};
  if (f.year) out.year = Number(f.year);
  if (f.councillor_id) out.councillor_id = Number(f.councillor_id);
  for (const k of ["platform", "tag", "determination", "stage"] as const) if (f[k]) out[k] = f[k];
  if (f.words?.trim()) out.words = f.words.trim();
  return out;
}

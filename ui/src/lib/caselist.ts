// The case list's arithmetic, away from the screen so it can be tested: its filters, and which
// rows a virtualised list draws and which pages of rows it asks the core for (and forgets).
import type { CaseFilter, CaseRow } from "./api";

/** Rows asked of the core at a time (it allows up to 500). */
export const PAGE_SIZE = 100;
/** Pages of rows kept in memory; those furthest from what is on screen are forgotten first. */
export const MAX_PAGES = 10;
/** Rows drawn above and below those on screen, so a short scroll shows no gap. */
export const OVERSCAN = 10;
/** Never more rows than this in the document, whatever the measurements say. */
export const MAX_RENDERED = 150;

/** The filter to send: empty choices are left out. */
export function toFilter(f: Record<keyof CaseFilter, string>): CaseFilter {
  const out: CaseFilter = {};
  if (f.year) out.year = Number(f.year);
  if (f.councillor_id) out.councillor_id = Number(f.councillor_id);
  for (const k of ["platform", "tag", "determination", "stage"] as const) if (f[k]) out[k] = f[k];
  if (f.words?.trim()) out.words = f.words.trim();
  return out;
}

/** Rows `start` (inclusive) to `end` (exclusive), by their index in the whole sorted list. */
export type RowWindow = { start: number; end: number };

/** The rows to draw: those on screen when the rows' area is scrolled by `scrollTop` and shows
 * `viewport` pixels (below the sticky header), with `overscan` more either side, within
 * 0..`total` and never more than `max`. A scroll past the end (the list just got shorter) draws
 * the last rows. */
export function visibleRows(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  total: number,
  overscan: number = OVERSCAN,
  max: number = MAX_RENDERED,
): RowWindow {
  if (total <= 0 || !(rowHeight > 0) || max <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop || 0);
  const first = Math.min(total - 1, Math.floor(top / rowHeight));
  const last = Math.min(total, Math.max(first + 1, Math.ceil((top + Math.max(0, viewport || 0)) / rowHeight)));
  const start = Math.max(0, first - Math.max(0, overscan));
  const end = Math.min(total, last + Math.max(0, overscan), start + max);
  return { start, end };
}

/** The pages (of `pageSize` rows) that hold rows `start` to `end` (exclusive). */
export function pagesFor(start: number, end: number, pageSize: number = PAGE_SIZE): number[] {
  if (end <= start) return [];
  const out: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) out.push(p);
  return out;
}

/** The cached pages to forget so that at most `max` are kept: never one of `needed`, and the
 * furthest from them first. */
export function pagesToEvict(cached: Iterable<number>, needed: readonly number[], max: number = MAX_PAGES): number[] {
  const all = [...cached];
  const excess = all.length - Math.max(0, max);
  if (excess <= 0) return [];
  const lo = needed.length ? Math.min(...needed) : 0;
  const hi = needed.length ? Math.max(...needed) : 0;
  const distance = (p: number) => (p < lo ? lo - p : p > hi ? p - hi : 0);
  return all
    .filter((p) => !needed.includes(p))
    .sort((a, b) => distance(b) - distance(a) || b - a)
    .slice(0, excess);
}

/** The row at `index` of the whole list, if its page is loaded. */
export function rowAt(pages: ReadonlyMap<number, readonly CaseRow[]>, index: number, pageSize: number = PAGE_SIZE): CaseRow | undefined {
  return pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}

/** Where to scroll the rows' area so that row `index` is wholly on screen (below the sticky
 * header, `viewport` pixels tall), moving as little as possible: `scrollTop` if it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return Math.max(0, top + rowHeight - viewport);
  return scrollTop;
}

/** How many rows Page Up and Page Down move: a screenful less one, so a row stays in sight. */
export function rowsPerPage(viewport: number, rowHeight: number): number {
  return rowHeight > 0 ? Math.max(1, Math.floor(viewport / rowHeight) - 1) : 1;
}

/** The row a key moves to from row `index` of `total` (null for a key that does not move). */
export function keyTarget(key: string, index: number, total: number, perPage: number): number | null {
  if (total <= 0) return null;
  const to =
    key === "ArrowDown" ? index + 1
    : key === "ArrowUp" ? index - 1
    : key === "PageDown" ? index + perPage
    : key === "PageUp" ? index - perPage
    : key === "Home" ? 0
    : key === "End" ? total - 1
    : null;
  return to === null ? null : Math.min(total - 1, Math.max(0, to));
}

import { describe, expect, it } from "vitest";
import type { CaseRow } from "./api";
import {
  MAX_PAGES, MAX_RENDERED, OVERSCAN, PAGE_SIZE,
  keyTarget, pagesFor, pagesToEvict, rowAt, rowsPerPage, scrollToReveal, toFilter, visibleRows,
} from "./caselist";

const row = (reference: string): CaseRow => ({
  reference, received_on: "2026-03-01", councillor: "Alys Pennant", stage: "received",
  council: "Kingsmere City Council", platform: "X", summary: "", capacity_determination: "undetermined", tags: [], evidence_count: 0,
});

describe("the case list's filters", () => {
  it("sends only the filters chosen, typed", () => {
    expect(toFilter({ year: "2026", councillor_id: "", platform: "", tag: "R5", determination: "", stage: "open", words: "  libraries " }))
      .toEqual({ year: 2026, tag: "R5", stage: "open", words: "libraries" });
    expect(toFilter({ year: "", councillor_id: "", platform: "", tag: "", determination: "", stage: "", words: "   " })).toEqual({});
  });
});

describe("the rows drawn", () => {
  const H = 49;

  it("draws nothing for an empty list, or before a row has a height", () => {
    expect(visibleRows(0, 600, H, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRows(5000, 600, H, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRows(0, 600, 0, 100_000)).toEqual({ start: 0, end: 0 });
    expect(visibleRows(0, 600, Number.NaN, 100_000)).toEqual({ start: 0, end: 0 });
  });

  it("at the top, draws the screenful and the overscan below it, none above", () => {
    // 600 / 49 = 12.2: rows 0 to 12 are (partly) on screen.
    expect(visibleRows(0, 600, H, 100_000, 10)).toEqual({ start: 0, end: 13 + 10 });
  });

  it("clamps the overscan at both ends of a short list", () => {
    expect(visibleRows(0, 600, H, 5, 10)).toEqual({ start: 0, end: 5 });
    expect(visibleRows(0, 600, H, 1, 10)).toEqual({ start: 0, end: 1 });
    // Scrolled a little into a list of 30: 10 rows of overscan above would go below zero.
    expect(visibleRows(3 * H, 600, H, 30, 10)).toEqual({ start: 0, end: 26 });
  });

  it("in the middle, draws the rows partly on screen and the overscan either side", () => {
    // Row 1000 starts 20 px above the top of the rows' area, so it is partly on screen.
    const top = 1000 * H + 20;
    const w = visibleRows(top, 600, H, 100_000, 10);
    expect(w.start).toBe(990);
    expect(w.end).toBe(Math.ceil((top + 600) / H) + 10);
    expect(w.end - w.start).toBeLessThanOrEqual(MAX_RENDERED);
  });

  it("scrolled to the end, draws the last rows and stops at the total", () => {
    const total = 100_000;
    const max = total * H - 600; // the furthest the rows' area can scroll
    const w = visibleRows(max, 600, H, total, 10);
    expect(w.end).toBe(total);
    expect(w.start).toBe(Math.floor(max / H) - 10);
    expect(rowAtEnd(w)).toBe(total - 1);
  });

  it("scrolled past the end (the list just got shorter), still draws its last rows", () => {
    const w = visibleRows(1_000_000, 600, H, 40, 10);
    expect(w).toEqual({ start: 29, end: 40 });
  });

  it("treats a negative scroll (elastic overscroll) as the top", () => {
    expect(visibleRows(-80, 600, H, 100, 10)).toEqual(visibleRows(0, 600, H, 100, 10));
  });

  it("never draws more than the cap, however tall the screen or small the rows", () => {
    const w = visibleRows(0, 10_000, 2, 100_000, OVERSCAN);
    expect(w).toEqual({ start: 0, end: MAX_RENDERED });
    expect(visibleRows(50_000, 10_000, 2, 100_000, OVERSCAN).end - visibleRows(50_000, 10_000, 2, 100_000, OVERSCAN).start)
      .toBe(MAX_RENDERED);
  });

  it("draws at least one row for a viewport not yet measured", () => {
    expect(visibleRows(0, 0, H, 100, 0)).toEqual({ start: 0, end: 1 });
  });
});

function rowAtEnd(w: { end: number }): number {
  return w.end - 1;
}

describe("the pages asked for", () => {
  it("none for no rows", () => {
    expect(pagesFor(0, 0)).toEqual([]);
    expect(pagesFor(10, 10)).toEqual([]);
  });

  it("one page for rows within it, the first screen from the first page alone", () => {
    expect(pagesFor(0, 23)).toEqual([0]);
    expect(pagesFor(0, PAGE_SIZE)).toEqual([0]);
    expect(pagesFor(100, 200, 100)).toEqual([1]);
  });

  it("both pages for rows across a boundary", () => {
    expect(pagesFor(95, 118, 100)).toEqual([0, 1]);
    expect(pagesFor(99, 101, 100)).toEqual([0, 1]);
  });

  it("the last, short page at the end of the list", () => {
    const w = visibleRows(100_000 * 49, 600, 49, 100_000, 10);
    expect(pagesFor(w.start, w.end, 100)).toEqual([999]);
  });
});

describe("the pages forgotten", () => {
  it("none while there are no more than the limit", () => {
    expect(pagesToEvict([], [])).toEqual([]);
    expect(pagesToEvict([0, 1, 2], [1], 10)).toEqual([]);
    expect(pagesToEvict(Array.from({ length: MAX_PAGES }, (_, i) => i), [0])).toEqual([]);
  });

  it("the furthest from the pages on screen, down to the limit", () => {
    const cached = [40, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 70];
    const gone = pagesToEvict(cached, [52, 53], 10);
    expect(gone).toEqual([70, 40]);
  });

  it("never one of the pages on screen, even if that leaves more than the limit", () => {
    expect(pagesToEvict([7, 8, 9], [7, 8, 9], 2)).toEqual([]);
    const gone = pagesToEvict([1, 2, 3, 4], [2, 3], 1);
    expect(gone.sort()).toEqual([1, 4]);
  });

  it("keeps the needed pages and the limit after a jump to the end", () => {
    const cached = [...Array.from({ length: 10 }, (_, i) => i), 998, 999];
    const needed = [998, 999];
    const gone = pagesToEvict(cached, needed, 10);
    const kept = cached.filter((p) => !gone.includes(p));
    expect(kept).toHaveLength(10);
    expect(kept).toEqual(expect.arrayContaining(needed));
    expect(gone).toEqual([0, 1]);
  });

  it("accepts the map's keys as they come", () => {
    const m = new Map<number, CaseRow[]>([[5, []], [0, []], [6, []]]);
    expect(pagesToEvict(m.keys(), [6], 2)).toEqual([0]);
  });
});

describe("finding a row", () => {
  it("looks in the page that holds it", () => {
    const pages = new Map([[0, [row("SC-2026-001"), row("SC-2026-002")]], [3, [row("SC-2025-301")]]]);
    expect(rowAt(pages, 1, 100)?.reference).toBe("SC-2026-002");
    expect(rowAt(pages, 300, 100)?.reference).toBe("SC-2025-301");
    expect(rowAt(pages, 301, 100)).toBeUndefined();
    expect(rowAt(pages, 150, 100)).toBeUndefined();
  });
});

describe("moving between rows", () => {
  const H = 49;

  it("scrolls only as far as needed to show a row wholly", () => {
    // On screen already: no scroll.
    expect(scrollToReveal(5, 0, 600, H)).toBe(0);
    // Below the screen: the row's bottom meets the bottom of the area.
    expect(scrollToReveal(20, 0, 600, H)).toBe(21 * H - 600);
    // Above it (partly under the sticky header): its top meets the top.
    expect(scrollToReveal(10, 10 * H + 5, 600, H)).toBe(10 * H);
    // The last of 100,000.
    expect(scrollToReveal(99_999, 0, 600, H)).toBe(100_000 * H - 600);
    // The first, from far down.
    expect(scrollToReveal(0, 123_456, 600, H)).toBe(0);
  });

  it("pages by a screenful less one row, at least one", () => {
    expect(rowsPerPage(600, H)).toBe(11);
    expect(rowsPerPage(30, H)).toBe(1);
    expect(rowsPerPage(600, 0)).toBe(1);
  });

  it("maps keys to rows within the list", () => {
    expect(keyTarget("ArrowDown", 0, 100_000, 11)).toBe(1);
    expect(keyTarget("ArrowUp", 0, 100_000, 11)).toBe(0);
    expect(keyTarget("ArrowDown", 99_999, 100_000, 11)).toBe(99_999);
    expect(keyTarget("PageDown", 99_995, 100_000, 11)).toBe(99_999);
    expect(keyTarget("PageUp", 4, 100_000, 11)).toBe(0);
    expect(keyTarget("PageDown", 99, 100_000, 11)).toBe(110);
    expect(keyTarget("Home", 5_000, 100_000, 11)).toBe(0);
    expect(keyTarget("End", 5, 100_000, 11)).toBe(99_999);
    expect(keyTarget("Enter", 5, 100_000, 11)).toBeNull();
    expect(keyTarget("End", 0, 0, 11)).toBeNull();
  });
});

describe("scrolling 100,000 cases to the end and back", () => {
  it("draws a bounded window, asks only for pages on screen and keeps at most the limit", () => {
    const total = 100_000, H = 49, viewport = 640;
    const cache = new Map<number, CaseRow[]>();
    const asked: number[] = [];
    let most = 0;
    const visit = (scrollTop: number) => {
      const w = visibleRows(scrollTop, viewport, H, total);
      most = Math.max(most, w.end - w.start);
      const need = pagesFor(w.start, w.end);
      for (const p of need) if (!cache.has(p)) { asked.push(p); cache.set(p, []); }
      for (const p of pagesToEvict(cache.keys(), need)) cache.delete(p);
      expect(need.every((p) => cache.has(p))).toBe(true);
      expect(cache.size).toBeLessThanOrEqual(MAX_PAGES);
      return w;
    };
    const first = visit(0);
    expect(asked).toEqual([0]); // the first screen is the first page alone
    expect(first.start).toBe(0);
    const bottom = total * H - viewport;
    for (let top = 0; top <= bottom; top += 7_919) visit(top);
    expect(visit(bottom).end).toBe(total);
    for (let top = bottom; top >= 0; top -= 7_919) visit(top);
    expect(visit(0)).toEqual(first);
    expect(most).toBeLessThanOrEqual(viewport / H + 2 + 2 * OVERSCAN);
  });
});

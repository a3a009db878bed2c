import { describe, expect, it } from "vitest";
import type { CaseRow } from "./api";
import { sortCases, toFilter } from "./caselist";

const row = (reference: string, received_on: string, councillor: string, stage: CaseRow["stage"]): CaseRow => ({
  reference, received_on, councillor, stage,
  council: "Kingsmere City Council", platform: "X", summary: "", capacity_determination: "undetermined", tags: [], evidence_count: 0,
});

const rows = [
  row("SC-2026-010", "2026-03-01", "Alys Pennant", "closed"),
  row("SC-2026-002", "2026-01-10", "Zoe Quinn", "received"),
  row("SC-2025-031", "2025-12-20", "Hugo Ashdown", "investigation"),
];

describe("the case list", () => {
  it("sorts references by year and number, not as text", () => {
    expect(sortCases(rows, "reference", true).map((r) => r.reference)).toEqual(["SC-2025-031", "SC-2026-002", "SC-2026-010"]);
  });

  it("sorts stages in procedure order and names alphabetically, either way", () => {
    const stages = ["received", "acknowledged", "initial assessment", "decision", "investigation", "report", "hearing", "outcome", "closed"];
    expect(sortCases(rows, "stage", true, stages).map((r) => r.stage)).toEqual(["received", "investigation", "closed"]);
    expect(sortCases(rows, "councillor", false).map((r) => r.councillor)).toEqual(["Zoe Quinn", "Hugo Ashdown", "Alys Pennant"]);
  });

  it("sends only the filters chosen, typed", () => {
    expect(toFilter({ year: "2026", councillor_id: "", platform: "", tag: "R5", determination: "", stage: "open", words: "  libraries " }))
      .toEqual({ year: 2026, tag: "R5", stage: "open", words: "libraries" });
    expect(toFilter({ year: "", councillor_id: "", platform: "", tag: "", determination: "", stage: "", words: "   " })).toEqual({});
  });
});

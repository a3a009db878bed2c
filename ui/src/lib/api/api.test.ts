import { describe, expect, it } from "vitest";
import { ApiError, api, setTransport, toApiError } from "./index";

describe("api", () => {
  it("passes the command name through and returns the result", async () => {
    const calls: string[] = [];
    setTransport(async <T,>(cmd: string) => {
      calls.push(cmd);
      return [] as T;
    });
    expect(await api.listCases()).toEqual([]);
    expect(calls).toEqual(["list_cases"]);
  });

  it("turns a {code, message} rejection into an ApiError", async () => {
    setTransport(async () => {
      throw { code: "not_found", message: "case not found: SC-2026-999" };
    });
    await expect(api.listCases()).rejects.toMatchObject({
      name: "ApiError",
      code: "not_found",
      message: "case not found: SC-2026-999",
    });
  });

  it("keeps the refused field so a form can show the reason beside it", async () => {
    setTransport(async () => {
      throw { code: "invalid", message: "reason: is required for a decision", field: "reason" };
    });
    const e = await api
      .recordStep("SC-2026-001", { stage: "decision", on: "14/03/2026", outcome: "no further action", actions: [], reason: null })
      .then(() => null, (x: unknown) => x as ApiError);
    if (!e) throw new Error("expected a refusal");
    expect(e.field).toBe("reason");
    expect(e.reason).toBe("is required for a decision");
  });

  it("sends each command's arguments by name", async () => {
    const seen: [string, unknown][] = [];
    setTransport(async <T,>(cmd: string, args?: Record<string, unknown> | Uint8Array) => {
      seen.push([cmd, args]);
      return {} as T;
    });
    await api.caseDetail("SC-2026-004");
    await api.pauseClock("SC-2026-004", "14/03/2026", "awaiting information", null);
    expect(seen).toEqual([
      ["case_detail", { reference: "SC-2026-004" }],
      ["pause_clock", { reference: "SC-2026-004", on: "14/03/2026", reason: "awaiting information", note: null }],
    ]);
  });

  it("asks for a page of the case list with its filter, sort, offset and limit", async () => {
    const seen: [string, unknown][] = [];
    setTransport(async <T,>(cmd: string, args?: Record<string, unknown> | Uint8Array) => {
      seen.push([cmd, args]);
      return { total: 0, offset: 200, rows: [] } as T;
    });
    const page = await api.listCasePage({ stage: "open" }, { key: "reference", ascending: true }, 200, 100);
    expect(page.offset).toBe(200);
    expect(seen).toEqual([
      ["list_case_page", { filter: { stage: "open" }, sort: { key: "reference", ascending: true }, offset: 200, limit: 100 }],
    ]);
  });

  it("wraps anything else as an internal error", () => {
    const e = toApiError(42);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe("internal");
  });
  it("sends the committee-paper commands their requests", async () => {
    const seen: [string, unknown][] = [];
    setTransport(async <T,>(cmd: string, args?: Record<string, unknown> | Uint8Array) => {
      seen.push([cmd, args]);
      return null as T;
    });
    await api.reportPreview({ kind: "annual", from: "2025-05-01", to: "2026-04-30" });
    await api.exportReport({ kind: "decision", reference: "SC-2026-004" }, "docx");
    await api.setPublication("SC-2026-004", { summary: "A post.", illustrative: true, notice_published_on: null });
    await api.flagGap("SC-2026-004", "R4", "Unclear about closed groups.");
    await api.removeGap("SC-2026-004", 3, "Wrong case");
    await api.saveReportSettings("breach found", "1. Add an example.");
    expect(seen).toEqual([
      ["report_preview", { request: { kind: "annual", from: "2025-05-01", to: "2026-04-30" } }],
      ["export_report", { request: { kind: "decision", reference: "SC-2026-004" }, format: "docx" }],
      ["set_publication", { reference: "SC-2026-004", publication: { summary: "A post.", illustrative: true, notice_published_on: null } }],
      ["flag_gap", { reference: "SC-2026-004", item: "R4", note: "Unclear about closed groups." }],
      ["remove_gap", { reference: "SC-2026-004", id: 3, reason: "Wrong case" }],
      ["save_report_settings", { rule: "breach found", recommendations: "1. Add an example." }],
    ]);
  });

  it("sends the councillor's side, investigation, review and letter commands their arguments by name", async () => {
    const seen: [string, unknown, unknown][] = [];
    setTransport(async <T,>(cmd: string, args?: Record<string, unknown> | Uint8Array, options?: unknown) => {
      seen.push([cmd, args, options]);
      return null as T;
    });
    const ref = "SC-2026-004";
    await api.notifyCouncillor(ref, { on: "14/03/2026", method: "email", sent: "a summary" });
    await api.councillorComments(ref, { on: "20/03/2026", comments: "I deny it.", file: null });
    await api.addInvestigationCost(ref, { on: "21/03/2026", hours: "3.5", cost: "1,250.00", note: null });
    await api.recordReport(ref, { which: "final", on: "22/03/2026", file: "abc" });
    await api.updateIndependentPerson(2, { name: "A Person", term_start: "2025-04-01", term_end: null, contact: null });
    await api.letterDraft(ref, "decision", "councillor");
    await api.keepLetter(ref, { kind: "decision", party: "councillor", markdown: "# Letter", format: "pdf" });
    await api.letterSent(ref, 7, "23/03/2026", "post");
    await api.exportDocument(ref, 9);
    await api.stageDocument(new Uint8Array([37, 80, 68, 70]), "Final report.pdf");
    expect(seen.slice(0, 9).map(([cmd, args]) => [cmd, args])).toEqual([
      ["notify_councillor", { reference: ref, notification: { on: "14/03/2026", method: "email", sent: "a summary" } }],
      ["councillor_comments", { reference: ref, comments: { on: "20/03/2026", comments: "I deny it.", file: null } }],
      ["add_investigation_cost", { reference: ref, cost: { on: "21/03/2026", hours: "3.5", cost: "1,250.00", note: null } }],
      ["record_report", { reference: ref, report: { which: "final", on: "22/03/2026", file: "abc" } }],
      ["update_independent_person", { id: 2, person: { name: "A Person", term_start: "2025-04-01", term_end: null, contact: null } }],
      ["letter_draft", { reference: ref, kind: "decision", party: "councillor" }],
      ["keep_letter", { reference: ref, letter: { kind: "decision", party: "councillor", markdown: "# Letter", format: "pdf" } }],
      ["letter_sent", { reference: ref, id: 7, on: "23/03/2026", by: "post" }],
      ["export_document", { reference: ref, id: 9 }],
    ]);
    expect(seen[9]).toEqual(["stage_document", new Uint8Array([37, 80, 68, 70]), { headers: { "x-file-name": "Final%20report.pdf" } }]);
  });
});

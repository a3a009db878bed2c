import { describe, expect, it } from "vitest";
import type { MoveOption, Stage } from "./api";
import { describe as describeEntry } from "./audit";
import { dueText, formatBytes, formatDate, todayUk } from "./format";
import { stageTrack, validateStep, type StepDraft } from "./procedure";

const decisionMove: MoveOption = {
  stage: "decision",
  outcomes: ["no further action", "informal resolution", "investigation"],
  reason_required: true,
};
const ackMove: MoveOption = { stage: "acknowledged", outcomes: [], reason_required: false };
const outcomeMove: MoveOption = { stage: "outcome", outcomes: ["no breach", "breach found"], reason_required: true };

const SHORT: Stage[] = ["received", "acknowledged", "initial assessment", "decision", "closed"];

const draft = (over: Partial<StepDraft>): StepDraft => ({
  stage: "acknowledged",
  on: "14/03/2026",
  outcome: "",
  actions: [],
  reason: "",
  ...over,
});

describe("the step form's checks", () => {
  it("accepts a plain acknowledgement", () => {
    expect(validateStep(draft({}), [ackMove])).toEqual({});
  });

  it("names each missing or bad field", () => {
    expect(validateStep(draft({ stage: "" }), [ackMove])).toEqual({ stage: "Choose the next stage." });
    expect(validateStep(draft({ on: "31-02-2026" }), [ackMove])).toHaveProperty("on");
    expect(validateStep(draft({ on: "2026-03-14" }), [ackMove])).toEqual({});
    const e = validateStep(draft({ stage: "decision" }), [decisionMove]);
    expect(Object.keys(e).sort()).toEqual(["outcome", "reason"]);
    expect(e.outcome).toBe("Choose the decision.");
  });

  it("asks for measures with an informal resolution and sanctions with a breach", () => {
    const informal = validateStep(draft({ stage: "decision", outcome: "informal resolution", reason: "r" }), [decisionMove]);
    expect(informal).toEqual({ measures: "Choose at least one measure." });
    const breach = validateStep(draft({ stage: "outcome", outcome: "breach found", reason: "r" }), [outcomeMove]);
    expect(breach).toEqual({ sanctions: "Choose at least one sanction." });
    expect(
      validateStep(draft({ stage: "outcome", outcome: "breach found", reason: "r", actions: ["censure"] }), [outcomeMove]),
    ).toEqual({});
  });

  it("refuses an outcome the step does not allow, and a blank reason", () => {
    const e = validateStep(draft({ stage: "outcome", outcome: "investigation", reason: "   " }), [outcomeMove]);
    expect(e.outcome).toContain("not allowed");
    expect(e.reason).toBeDefined();
  });
});

describe("the stage bar", () => {
  it("shows the short track until an investigation is decided", () => {
    const t = stageTrack({ stage: "acknowledged", stages: [], track: SHORT });
    expect(t.map((s) => s.stage)).toEqual(["received", "acknowledged", "initial assessment", "decision", "closed"]);
    expect(t.map((s) => s.state)).toEqual(["done", "current", "upcoming", "upcoming", "upcoming"]);
  });

  it("marks stages a case skipped (withdrawn before it was acknowledged)", () => {
    const ev = (stage: "decision" | "closed") => ({
      id: 1, stage, on: "2026-03-14", outcome: null, actions: [], reason: null, recorded_by: "MO", recorded_at: "",
    });
    const t = stageTrack({ stage: "closed", stages: [ev("decision"), ev("closed")], track: SHORT });
    expect(t.map((s) => s.state)).toEqual(["done", "skipped", "skipped", "done", "current"]);
  });

  it("draws the investigation's stages when the core gives them", () => {
    const t = stageTrack({ stage: "report", stages: [], track: [...SHORT.slice(0, 4), "investigation", "report", "hearing", "outcome", "closed"] });
    expect(t).toHaveLength(9);
    expect(t.find((s) => s.state === "current")?.stage).toBe("report");
  });
});

describe("dates and deadlines in words", () => {
  it("formats UK dates", () => {
    expect(formatDate("2026-03-14")).toBe("14 Mar 2026");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("not a date");
    expect(todayUk(new Date(2026, 2, 4))).toBe("04/03/2026");
  });

  it("says how a deadline stands", () => {
    const base = { due_on: "2026-03-14", working_days_left: null, working_days_overdue: null };
    expect(dueText({ ...base, status: "overdue", working_days_overdue: 3 })).toBe("Overdue by 3 working days");
    expect(dueText({ ...base, status: "due", working_days_left: 1 })).toBe("Due in 1 working day");
    expect(dueText({ ...base, status: "due today" })).toBe("Due today");
    expect(dueText({ ...base, status: "paused" })).toBe("Clock paused");
  });
});

describe("the audit trail in words", () => {
  it("names what an update changed, and what a new record is", () => {
    expect(describeEntry({ action: "update", changes: '{"summary":{"from":"a","to":"b"},"platform":{"from":"X","to":"Facebook"}}' }))
      .toBe("summary → b; platform → Facebook");
    expect(describeEntry({ action: "create", changes: '{"case_id":3,"stage":"acknowledged","on_date":"2026-03-14"}' }))
      .toBe("stage: acknowledged");
    expect(describeEntry({ action: "create", changes: "not json" })).toBe("");
  });

  it("formats sizes", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(48213)).toBe("47.1 KiB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MiB");
    expect(formatBytes(1024 * 1024 * 1024)).toBe("1.0 GiB");
  });
});

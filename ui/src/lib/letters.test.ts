import { describe, expect, it } from "vitest";
import type { Letter, LetterOffer, StageEvent } from "./api";
import { formatHours, formatPounds } from "./format";
import { placeRefusal } from "./forms";
import { ApiError } from "./api";
import { letterLabel, lettersDue, offerKey, type LetterFacts } from "./letters";

const step = (id: number, stage: StageEvent["stage"], on: string): StageEvent => ({
  id,
  stage,
  on,
  outcome: null,
  actions: [],
  reason: null,
  recorded_by: "Officer",
  recorded_at: `${on}T10:00:00Z`,
});

const offer = (kind: string, party: string): LetterOffer => ({ kind, party, label: letterLabel({ kind, party }) });

const letter = (id: number, kind: Letter["kind"], party: Letter["party"], dated: string, sent_on: string | null = null): Letter => ({
  id,
  kind,
  party,
  recipient: null,
  dated,
  document_id: id + 100,
  sent_on,
  sent_by: sent_on ? "email" : null,
});

const facts = (over: Partial<LetterFacts>): LetterFacts => ({
  stages: [],
  letters: [],
  notification: null,
  reviews: [],
  next_action: null,
  ...over,
});

const OFFERS = [
  offer("acknowledgement", "complainant"),
  offer("decision", "complainant"),
  offer("decision", "councillor"),
  offer("decision", "ip"),
  offer("notification", "councillor"),
];

describe("the letters a step calls for", () => {
  it("labels letters as the core does", () => {
    expect(letterLabel({ kind: "decision", party: "councillor" })).toBe("Decision letter to the councillor");
    expect(letterLabel({ kind: "outcome", party: "ip" })).toBe("Outcome letter to the Independent Person");
    expect(offerKey({ kind: "decision", party: "ip" })).toBe("decision|ip");
  });

  it("asks for the acknowledgement once the complaint is acknowledged", () => {
    const p = facts({ stages: [step(1, "acknowledged", "2026-03-02")] });
    expect(lettersDue(p, OFFERS, "acknowledged").write.map((o) => o.label)).toEqual(["Acknowledgement letter to the complainant"]);
    expect(lettersDue(p, OFFERS, null)).toEqual({ write: [], unsent: [] });
  });

  it("asks for the decision letters to both parties, not the others the case may have", () => {
    const p = facts({ stages: [step(1, "acknowledged", "2026-03-02"), step(2, "decision", "2026-03-10")] });
    expect(lettersDue(p, OFFERS, "decision").write.map(offerKey)).toEqual(["decision|complainant", "decision|councillor"]);
  });

  it("drops letters once written, and lists those written but not sent", () => {
    const p = facts({
      stages: [step(2, "decision", "2026-03-10")],
      letters: [letter(1, "decision", "complainant", "2026-03-11", "2026-03-11"), letter(2, "decision", "councillor", "2026-03-11")],
    });
    const due = lettersDue(p, OFFERS, "decision");
    expect(due.write).toEqual([]);
    expect(due.unsent.map((l) => l.id)).toEqual([2]);
  });

  it("does not count a letter written for an earlier step", () => {
    const p = facts({
      stages: [step(2, "decision", "2026-03-10"), step(3, "initial assessment", "2026-03-12"), step(4, "decision", "2026-03-20")],
      letters: [letter(1, "decision", "complainant", "2026-03-11", "2026-03-11")],
    });
    expect(lettersDue(p, OFFERS, "decision").write.map(offerKey)).toEqual(["decision|complainant", "decision|councillor"]);
  });

  it("follows the next action when it is to send the decision letters", () => {
    const p = facts({
      stages: [step(2, "decision", "2026-03-10")],
      next_action: {
        action: "Send the decision notice and close the case",
        deadline: "letters",
        due_on: "2026-03-17",
        status: "due",
        working_days_left: 3,
        working_days_overdue: null,
      },
    });
    expect(lettersDue(p, OFFERS, null, true).write.map(offerKey)).toEqual(["decision|complainant", "decision|councillor"]);
    expect(lettersDue(p, OFFERS, null, false).write).toEqual([]);
    // The step just recorded and the next action ask for the same letters: each is listed once.
    expect(lettersDue(p, OFFERS, "decision", true).write).toHaveLength(2);
  });

  it("asks for the notification letter once the councillor is told", () => {
    const notification = {
      id: 1,
      notified_on: "2026-03-04",
      method: "email" as const,
      sent: "a summary" as const,
      comments_received_on: null,
      comments: null,
      comments_evidence_id: null,
    };
    expect(lettersDue(facts({ notification }), OFFERS, "notification").write.map((o) => o.label)).toEqual([
      "Notification letter to the councillor",
    ]);
    // Nothing is asked for a step that is not (or no longer) recorded, or a letter the case cannot have.
    expect(lettersDue(facts({}), OFFERS, "notification").write).toEqual([]);
    expect(lettersDue(facts({ stages: [step(1, "outcome", "2026-03-04")] }), OFFERS, "outcome").write).toEqual([]);
    expect(lettersDue(facts({ stages: [step(1, "closed", "2026-03-04")] }), OFFERS, "closed").write).toEqual([]);
  });
});

describe("money, hours and refusals", () => {
  it("shows pence as pounds and hours in words", () => {
    expect(formatPounds(125050)).toBe("£1,250.50");
    expect(formatPounds(7)).toBe("£0.07");
    expect(formatPounds(123456789)).toBe("£1,234,567.89");
    expect(formatHours(1)).toBe("1 hour");
    expect(formatHours(7.5)).toBe("7.5 hours");
    expect(formatHours(0.1 + 0.2)).toBe("0.3 hours");
  });

  it("puts a refusal beside the field the core names, else on the form", () => {
    const fields = { notified_on: "notify-on", on: "notify-on" };
    const refused = new ApiError("invalid", "notified_on: is before the complaint was received", "notified_on");
    expect(placeRefusal(refused, fields)).toEqual(["notify-on", "is before the complaint was received"]);
    const other = new ApiError("conflict", "case: SC-2026-001 is closed", "case");
    expect(placeRefusal(other, fields)).toEqual(["form", "case: SC-2026-001 is closed"]);
    expect(placeRefusal(new Error("boom"), fields)).toEqual(["form", "boom"]);
  });
});

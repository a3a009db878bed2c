import { describe, expect, it } from "vitest";
import { emptyDraft, parseDate, validateComplaint, type ComplaintDraft } from "./complaint";

const now = new Date(2026, 10, 24);
const good = (over: Partial<ComplaintDraft> = {}): ComplaintDraft => ({
  ...emptyDraft("24/11/2026"),
  councillor: "3",
  complainant_name: "Harriet Osei",
  platform: "Facebook",
  summary: "Post mocking a resident",
  ...over,
});

describe("the new complaint form's checks", () => {
  it("accepts a complete complaint", () => {
    expect(validateComplaint(good(), now)).toEqual({});
  });

  it("names every missing required field", () => {
    expect(Object.keys(validateComplaint(emptyDraft("24/11/2026"), now)).sort()).toEqual(
      ["complainant_name", "councillor", "platform", "summary"],
    );
  });

  it("needs a new councillor's name and council", () => {
    const e = validateComplaint(good({ councillor: "new", new_name: " " }), now);
    expect(Object.keys(e).sort()).toEqual(["new_councillor_council", "new_councillor_name"]);
  });

  it("needs the reason when confidentiality is asked for", () => {
    expect(validateComplaint(good({ confidentiality_requested: true }), now)).toHaveProperty("confidentiality_reason");
  });

  it("refuses impossible, malformed and future dates", () => {
    expect(validateComplaint(good({ received_on: "31/02/2026" }), now).received_on).toBe("Give the date as 14/03/2026.");
    expect(validateComplaint(good({ received_on: "yesterday" }), now).received_on).toBeDefined();
    expect(validateComplaint(good({ received_on: "25/11/2026" }), now).received_on).toBe("This date is in the future.");
    expect(validateComplaint(good({ received_on: "2026-11-24" }), now)).toEqual({});
  });

  it("wants a web address for the post", () => {
    expect(validateComplaint(good({ post_url: "facebook.com/post/1" }), now)).toHaveProperty("post_url");
    expect(validateComplaint(good({ post_url: "javascript:alert(1)" }), now)).toHaveProperty("post_url");
    expect(validateComplaint(good({ post_url: "https://facebook.example/p/1" }), now)).toEqual({});
  });

  it("reads both date styles", () => {
    expect(parseDate("14/03/2026")?.toISOString().slice(0, 10)).toBe("2026-03-14");
    expect(parseDate("2026-03-14")?.toISOString().slice(0, 10)).toBe("2026-03-14");
    expect(parseDate("2026-02-30")).toBeNull();
  });
});

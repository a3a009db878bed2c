// The new complaint form's checks, run before anything is sent (the core checks again).

export interface ComplaintDraft {
  councillor: string; // a register number, "new", or "" (not chosen)
  new_name: string;
  new_council: string;
  new_ward: string;
  new_party: string;
  complainant_name: string;
  complainant_contact: string;
  complainant_type: string;
  confidentiality_requested: boolean;
  confidentiality_reason: string;
  received_on: string;
  channel: string;
  platform: string;
  post_url: string;
  posted_at: string;
  summary: string;
  post_text: string;
}

export function emptyDraft(today: string): ComplaintDraft {
  return {
    councillor: "", new_name: "", new_council: "", new_ward: "", new_party: "",
    complainant_name: "", complainant_contact: "", complainant_type: "public",
    confidentiality_requested: false, confidentiality_reason: "",
    received_on: today, channel: "email", platform: "", post_url: "", posted_at: "", summary: "", post_text: "",
  };
}

/** A typed date (14/03/2026 or 2026-03-14) as a Date at midnight UTC, or null. */
export function parseDate(s: string): Date | null {
  const t = s.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/** Field → message for everything wrong with the draft; empty when it can be sent. */
export function validateComplaint(f: ComplaintDraft, now: Date = new Date()): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.councillor) e.councillor = "Choose the councillor complained about, or add them.";
  if (f.councillor === "new") {
    if (!f.new_name.trim()) e.new_councillor_name = "Give the councillor's name.";
    if (!f.new_council.trim()) e.new_councillor_council = "Give their council.";
  }
  if (!f.complainant_name.trim()) e.complainant_name = "Give the complainant's name (it is never published).";
  if (f.confidentiality_requested && !f.confidentiality_reason.trim()) {
    e.confidentiality_reason = "Say why the complainant asks for confidentiality.";
  }
  const received = parseDate(f.received_on);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  if (!received) e.received_on = "Give the date as 14/03/2026.";
  else if (received.getTime() > today) e.received_on = "This date is in the future.";
  if (!f.platform) e.platform = "Choose the platform.";
  if (f.post_url.trim() && !/^https?:\/\/\S+$/i.test(f.post_url.trim())) {
    e.post_url = "Give the full address, starting https://";
  }
  if (!f.summary.trim()) e.summary = "Summarise the complaint in a sentence or two.";
  return e;
}

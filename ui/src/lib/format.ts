// Dates and deadlines in the words a Monitoring Officer uses. UK formats throughout.

const ukDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const ukDay = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

function parse(iso: string): Date | null {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026-03-14 → "14 Mar 2026" (anything unreadable is shown as given). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = parse(iso);
  return d ? ukDate.format(d) : iso;
}

/** 2026-03-14 → "Sat 14 Mar 2026". */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = parse(iso);
  return d ? ukDay.format(d) : iso;
}

/** Today as the date fields show it: 14/03/2026 (the core also accepts 2026-03-14). */
export function todayUk(now: Date = new Date()): string {
  const dd = String(now.getDate()).padStart(2, "0");
  const mm = String(now.getMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${now.getFullYear()}`;
}

function days(n: number): string {
  return `${n} working day${n === 1 ? "" : "s"}`;
}

export interface DueState {
  status: string | null;
  due_on: string | null;
  working_days_left: number | null;
  working_days_overdue: number | null;
}

/** "Overdue by 3 working days", "Due today", "Due in 2 working days", "Paused", … */
export function dueText(d: DueState): string {
  switch (d.status) {
    case "overdue":
      return d.working_days_overdue ? `Overdue by ${days(d.working_days_overdue)}` : "Overdue";
    case "due today":
      return "Due today";
    case "due":
      return d.working_days_left != null ? `Due in ${days(d.working_days_left)}` : "Due";
    case "paused":
      return "Clock paused";
    case "met":
      return "Met";
    case "late":
      return d.working_days_overdue ? `Late by ${days(d.working_days_overdue)}` : "Late";
    case "not needed":
      return "Not needed";
    default:
      return "";
  }
}

/** Capitalised for headings and buttons: "initial assessment" → "Initial assessment". */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** 48213 → "47.1 KiB". */
/** The largest video taken as evidence, on a file or a team server (casebook_domain::video's
 *  MAX_VIDEO_BYTES). */
export const MAX_VIDEO_BYTES = 1024 * 1024 * 1024;

/** The largest video played inside Casebook: it is played from its bytes, held in the window
 *  (WebKitGTK's player cannot read the app's own URL schemes); a larger one is saved and played in
 *  the computer's own player. */
export const VIDEO_PLAY_LIMIT = 512 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GiB`;
}

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

/** Pence as pounds: 125050 → "£1,250.50". */
export function formatPounds(pence: number): string {
  return pounds.format(pence / 100);
}

/** 7.5 → "7.5 hours", 1 → "1 hour". */
export function formatHours(hours: number): string {
  const n = Math.round(hours * 100) / 100;
  return `${n} hour${n === 1 ? "" : "s"}`;
}

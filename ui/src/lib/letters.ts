// The letters a step of the procedure calls for, and which of them are still to write or to send.
import type { Letter, LetterOffer, Procedure } from "./api";
import { capitalise } from "./format";

/** What was just recorded that calls for letters. */
export type LetterTrigger = "acknowledged" | "decision" | "outcome" | "notification" | "review";

/** The letters (kind, party) each step calls for. */
const CALLS_FOR: Record<LetterTrigger, [string, string][]> = {
  acknowledged: [["acknowledgement", "complainant"]],
  decision: [
    ["decision", "complainant"],
    ["decision", "councillor"],
  ],
  outcome: [
    ["outcome", "complainant"],
    ["outcome", "councillor"],
  ],
  notification: [["notification", "councillor"]],
  review: [
    ["review", "complainant"],
    ["review", "councillor"],
  ],
};

export function isTrigger(s: string | null | undefined): s is LetterTrigger {
  return !!s && Object.hasOwn(CALLS_FOR, s);
}

/** A letter's key in the letter choice: "decision|councillor". */
export function offerKey(o: { kind: string; party: string }): string {
  return `${o.kind}|${o.party}`;
}

/** "the Independent Person", as a letter's heading gives its party. */
export function partyWords(party: string): string {
  return party === "ip" ? "Independent Person" : party;
}

/** "Decision letter to the councillor" (as the core labels its offers). */
export function letterLabel(l: { kind: string; party: string }): string {
  return `${capitalise(l.kind)} letter to the ${partyWords(l.party)}`;
}

function lastOf<T>(xs: T[], pred: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (pred(xs[i] as T)) return xs[i];
  return undefined;
}

/** The day (ISO) of the step whose letters `trigger` asks for, or null if it is not recorded (taken back, say). */
function stepDay(p: LetterFacts, trigger: LetterTrigger): string | null {
  switch (trigger) {
    case "notification":
      return p.notification?.notified_on ?? null;
    case "review":
      return lastOf(p.reviews, (r) => !!r.decided_on)?.decided_on ?? null;
    default:
      return lastOf(p.stages, (e) => e.stage === trigger)?.on ?? null;
  }
}

export type LetterFacts = Pick<Procedure, "stages" | "letters" | "notification" | "reviews" | "next_action">;

export interface LettersDue {
  /** Letters to write, as the case offers them. */
  write: LetterOffer[];
  /** Letters written for the step but not marked sent. */
  unsent: Letter[];
}

function lettersFor(p: LetterFacts, offers: LetterOffer[], trigger: LetterTrigger, due: LettersDue) {
  const from = stepDay(p, trigger);
  if (!from) return;
  for (const [kind, party] of CALLS_FOR[trigger]) {
    const made = p.letters.filter((l) => l.kind === kind && l.party === party && l.dated >= from);
    if (made.length === 0) {
      const offer = offers.find((o) => o.kind === kind && o.party === party);
      if (offer && !due.write.some((w) => offerKey(w) === offerKey(offer))) due.write.push(offer);
    } else if (!made.some((l) => l.sent_on)) {
      const last = made.at(-1);
      if (last && !due.unsent.some((u) => u.id === last.id)) due.unsent.push(last);
    }
  }
}

/** The letters to prompt for: those of the step just recorded (`trigger`), and (`withNextAction`)
 * those of the latest decision or outcome while the case's next action is to send them (its
 * deadline is "letters"). */
export function lettersDue(p: LetterFacts, offers: LetterOffer[], trigger: string | null, withNextAction = false): LettersDue {
  const due: LettersDue = { write: [], unsent: [] };
  if (isTrigger(trigger)) lettersFor(p, offers, trigger, due);
  if (withNextAction && p.next_action?.deadline === "letters") {
    const latest = lastOf(p.stages, (e) => e.stage === "decision" || e.stage === "outcome");
    if (latest && isTrigger(latest.stage)) lettersFor(p, offers, latest.stage, due);
  }
  return due;
}

// The procedure as the case view draws it: the stage bar, and checking a step before it is sent.
import type { MoveOption, Procedure, Stage } from "./api";

export type StepState = "done" | "current" | "upcoming" | "skipped";

/** Each stage to draw for a case (the core chooses them: `track`) and how far the case has got. */
export function stageTrack(p: Pick<Procedure, "stage" | "stages" | "track">): { stage: Stage; state: StepState }[] {
  const track = p.track;
  const at = track.indexOf(p.stage);
  const reached = new Set<Stage>(["received", ...p.stages.map((e) => e.stage)]);
  return track.map((stage, i) => ({
    stage,
    state: i === at ? "current" : i > at ? "upcoming" : reached.has(stage) ? "done" : "skipped",
  }));
}

export interface StepDraft {
  stage: Stage | "";
  on: string;
  outcome: string;
  actions: string[];
  reason: string;
}

/** What a step's actions are called, when its outcome takes them. */
export function actionsFor(outcome: string): "measures" | "sanctions" | null {
  if (outcome === "informal resolution") return "measures";
  if (outcome === "breach found") return "sanctions";
  return null;
}

const DATE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})$/;

/** Checks a step before it is sent, field by field, as the core will; the core checks again. */
export function validateStep(draft: StepDraft, moves: MoveOption[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const move = moves.find((m) => m.stage === draft.stage);
  if (!move) {
    errors.stage = moves.length ? "Choose the next stage." : "This case has no further stage.";
    return errors;
  }
  if (!DATE.test(draft.on.trim())) errors.on = "Give the date as 14/03/2026.";
  if (move.outcomes.length) {
    if (!draft.outcome) errors.outcome = `Choose the ${draft.stage === "decision" ? "decision" : "outcome"}.`;
    else if (!move.outcomes.includes(draft.outcome)) errors.outcome = `'${draft.outcome}' is not allowed here.`;
  }
  const kind = actionsFor(draft.outcome);
  if (kind && draft.actions.length === 0) {
    errors[kind] = kind === "measures" ? "Choose at least one measure." : "Choose at least one sanction.";
  }
  if (move.reason_required && !draft.reason.trim()) errors.reason = "Give the reasons; they go in the decision notice.";
  return errors;
}

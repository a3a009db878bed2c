// The audit trail in words, for the case's history.
import type { AuditEntry } from "./api";

function short(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** What an entry changed, in a line: the key fields of a new or removed record, or each changed
 * field of an update with its new value. */
export function describe(e: Pick<AuditEntry, "action" | "changes">): string {
  let changes: Record<string, unknown>;
  try {
    changes = JSON.parse(e.changes) as Record<string, unknown>;
  } catch {
    return "";
  }
  if (e.action !== "update") {
    const keys = ["reference", "stage", "outcome", "code", "answer", "kind", "media_type", "decision", "person", "name"];
    return keys
      .filter((k) => changes[k] != null)
      .map((k) => `${k}: ${short(changes[k])}`)
      .join(", ");
  }
  return Object.entries(changes)
    .map(([k, v]) => `${k} → ${short((v as { to?: unknown } | null)?.to ?? "")}`)
    .join("; ");
}

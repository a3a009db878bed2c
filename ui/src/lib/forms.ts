// What the case view's smaller forms share: running a change and putting a refusal beside the
// field the core names, and moving the officer to another part of the screen.
import { tick } from "svelte";
import { ApiError } from "./api";

/** A form's messages, by the id of the field they belong beside. */
export type Errors = Record<string, string>;

/** Where a refusal goes: the id of the field a core field name belongs to, else the form ("form"). */
export function placeRefusal(e: unknown, fields: Record<string, string>): [string, string] {
  const err = e instanceof ApiError ? e : new ApiError("internal", e instanceof Error ? e.message : String(e));
  const id = err.field ? fields[err.field] : undefined;
  return id ? [id, err.reason] : ["form", err.message];
}

/** Runs a change. On refusal the reason is shown beside the field it names (`fields` maps the
 * core's field names to the ids of the form's fields), which gets the focus, or else as the
 * form's own message. The change's result, or null if it was refused. */
export async function attempt<T>(
  fields: Record<string, string>,
  show: (errors: Errors, form: string | null) => void,
  change: () => Promise<T>,
): Promise<{ value: T } | null> {
  show({}, null);
  try {
    return { value: await change() };
  } catch (e) {
    const [id, reason] = placeRefusal(e, fields);
    if (id === "form") {
      show({}, reason);
    } else {
      show({ [id]: reason }, null);
      await focusOn(id);
    }
    return null;
  }
}

/** The `aria-describedby` of field `id`: its hint (if it has one) and its error (if shown). */
export function describedBy(errors: Errors, id: string, hint = false): string | undefined {
  const ids = [hint ? `${id}-hint` : "", errors[id] ? `${id}-err` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** Once the screen has caught up, brings the element with id `id` into view and focuses it. */
export async function focusOn(id: string): Promise<void> {
  await tick();
  if (typeof document === "undefined") return;
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView?.({ block: "center" });
  el.focus({ preventScroll: true });
}

// The only module that talks to the Rust side. Screens import these functions, never `invoke`.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo, CaseRow, CommandError } from "./types";

export type { AppInfo, CaseRow, CommandError } from "./types";

/** A command failed; `code` is stable (invalid, not_found, conflict, database, …). */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

export function toApiError(raw: unknown): ApiError {
  if (raw && typeof raw === "object" && "code" in raw && "message" in raw) {
    const e = raw as CommandError;
    return new ApiError(String(e.code), String(e.message));
  }
  return new ApiError("internal", typeof raw === "string" ? raw : "Unexpected error from Casebook");
}

type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;
let call: Invoke = invoke;

/** Tests replace the transport; the app never does. */
export function setTransport(fn: Invoke): void {
  call = fn;
}

async function run<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await call<T>(cmd, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

export const api = {
  appInfo: () => run<AppInfo>("app_info"),
  listCases: () => run<CaseRow[]>("list_cases"),
  loadDemo: () => run<AppInfo>("load_demo"),
};

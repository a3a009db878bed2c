// Shapes of the data the desktop shell sends (src-tauri/src/dto.rs). Keep in step with it.

export interface CaseRow {
  reference: string;
  received_on: string;
  councillor: string;
  council: string;
  platform: string;
  summary: string;
  capacity_determination: "in capacity" | "not in capacity" | "undetermined";
  tags: string[];
  evidence_count: number;
}

export interface AppInfo {
  database_path: string;
  schema_version: number;
  case_count: number;
  councillor_count: number;
}

/** The one error shape every command rejects with. */
export interface CommandError {
  code: string;
  message: string;
}

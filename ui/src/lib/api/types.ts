// Shapes of the data the desktop shell sends (src-tauri/src/dto.rs and the core's records it
// passes through: casebook::case::Detail, casebook::procedure::*). Keep in step with them.

export type Determination = "in capacity" | "not in capacity" | "undetermined";

export type Stage =
  | "received"
  | "acknowledged"
  | "initial assessment"
  | "decision"
  | "investigation"
  | "report"
  | "hearing"
  | "outcome"
  | "closed";

export interface CaseRow {
  reference: string;
  received_on: string;
  councillor: string;
  council: string;
  platform: string;
  summary: string;
  capacity_determination: Determination;
  stage: Stage;
  tags: string[];
  evidence_count: number;
}

export interface AppInfo {
  database_path: string;
  schema_version: number;
  case_count: number;
  councillor_count: number;
}

export type DeadlineStatus = "met" | "late" | "due" | "due today" | "overdue" | "paused" | "not needed";

export interface Deadline {
  key: "acknowledge" | "decide" | "investigate";
  label: string;
  target: string;
  due_on: string | null;
  done_on: string | null;
  status: DeadlineStatus;
  working_days_left: number | null;
  working_days_overdue: number | null;
}

export interface NextAction {
  action: string;
  deadline: Deadline["key"] | null;
  due_on: string | null;
  status: DeadlineStatus | null;
  working_days_left: number | null;
  working_days_overdue: number | null;
}

export interface MoveOption {
  stage: Stage;
  outcomes: string[];
  reason_required: boolean;
}

export interface StageEvent {
  id: number;
  stage: Stage;
  on: string;
  outcome: string | null;
  actions: string[];
  reason: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface Consultation {
  id: number;
  person: string;
  consulted_on: string;
  stage: Stage;
  views: string;
}

export interface Pause {
  id: number;
  paused_on: string;
  resumed_on: string | null;
  reason: string;
  note: string | null;
}

export interface Confidentiality {
  decision: "granted" | "refused";
  decided_by: string;
  decided_on: string;
  grounds: string;
}

/** Where a case stands in the standards procedure (casebook::procedure::Procedure). */
export interface Procedure {
  as_of: string;
  stage: Stage;
  next_stages: Stage[];
  moves: MoveOption[];
  acknowledged_on: string | null;
  decision: string | null;
  decided_on: string | null;
  measures: string[];
  outcome: string | null;
  outcome_on: string | null;
  sanctions: string[];
  closed_on: string | null;
  paused: boolean;
  stages: StageEvent[];
  ip_consultations: Consultation[];
  ip_views_sought: boolean | null;
  confidentiality: Confidentiality | null;
  pauses: Pause[];
  deadlines: Deadline[];
  next_action: NextAction | null;
  warnings: string[];
}

export type ItemKind =
  | "responsibility"
  | "legal_issue"
  | "nolan_principle"
  | "code_obligation"
  | "lga_checklist"
  | "capacity_indicator";

/** An item of the guidance catalogue, with the guidance's own words. */
export interface CatalogueItem {
  id: number;
  version_id: number;
  kind: ItemKind;
  code: string;
  title: string;
  text: string;
}

export interface Tag {
  code: string;
  kind: ItemKind;
  title: string;
  note: string | null;
}

export interface Indicator {
  code: string;
  title: string;
  text: string;
  answer: "yes" | "no" | "unknown" | null;
  note: string | null;
}

export interface Capacity {
  indicators: Indicator[];
  counts: { towards_capacity: number; against_capacity: number; unknown: number; unanswered: number };
  determination: Determination;
  reasons: string | null;
  determined_by: string | null;
  determined_at: string | null;
}

export interface Evidence {
  id: number;
  case_id: number;
  kind: "file" | "post_text";
  sha256: string;
  size: number;
  media_type: string;
  original_name: string | null;
  width: number | null;
  height: number | null;
  captured_by: string;
  captured_at: string;
  source_url: string | null;
  derived_from: number | null;
  description: string | null;
  added_at: string;
  has_thumbnail: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: "create" | "update" | "delete";
  entity: string;
  entity_id: number;
  reason: string | null;
  /** JSON text: the record on create/delete, {field: {from, to}} on update. */
  changes: string;
  state_hash: string | null;
  prev_hash: string;
  hash: string;
}

/** One case as `case show --json` gives it (the fields the app uses). */
export interface CaseDetail extends Procedure {
  id: number;
  reference: string;
  received_on: string;
  channel: string;
  complainant: {
    name: string;
    contact: string | null;
    type: string;
    confidentiality_requested: boolean;
    confidentiality_reason: string | null;
  };
  councillor: { id: number; name: string; council: string; ward: string | null; party: string | null };
  platform: string;
  post_url: string | null;
  posted_at: string | null;
  summary: string;
  catalogue_version: string;
  catalogue_version_id: number;
  capacity_determination: Determination;
  tags: Tag[];
  capacity: Capacity;
  evidence: Evidence[];
  related: { reference: string; kind: string }[];
  notes: Note[];
  publication: Publication;
  gaps: Gap[];
  history: AuditEntry[];
}

/** What is marked on a case for the committee papers. */
export interface Publication {
  summary: string | null;
  illustrative: boolean;
  notice_published_on: string | null;
}

export interface PublicationInput {
  summary: string | null;
  illustrative: boolean;
  notice_published_on: string | null;
}

/** A case flagged as revealing a gap or ambiguity in the guidance. */
export interface Gap {
  id: number;
  case_id: number;
  reference: string;
  item_code: string | null;
  item_title: string | null;
  note: string;
  flagged_by: string;
  flagged_at: string;
}

export type PaperKind = "annual" | "decision";

export interface PaperRequest {
  kind: PaperKind;
  from?: string | null;
  to?: string | null;
  reference?: string | null;
}

export interface Preview {
  title: string;
  html: string;
  from: string | null;
  to: string | null;
}

export interface ReportOptions {
  from: string;
  to: string;
  formats: { key: string; label: string }[];
  rules: { key: string; label: string }[];
  rule: string;
  recommendations: string | null;
  templates_folder: string;
  custom_templates: string[];
}

export interface Due {
  case_id: number;
  reference: string;
  councillor: string;
  council: string;
  stage: Stage;
  action: string;
  deadline: Deadline["key"];
  due_on: string;
  status: "overdue" | "due today" | "due";
  working_days_left: number | null;
  working_days_overdue: number | null;
}

export interface Dashboard {
  as_of: string;
  overdue: Due[];
  due_soon: Due[];
  within_working_days: number;
  open_by_stage: { stage: Stage; count: number }[];
  per_month: { month: string; count: number }[];
  recent: (AuditEntry & { reference: string | null })[];
}

export interface ProcedureOptions {
  stages: Stage[];
  measures: string[];
  sanctions: string[];
  pause_reasons: string[];
}

export interface StepInput {
  stage: Stage;
  on: string;
  outcome: string | null;
  actions: string[];
  reason: string | null;
}

export interface ConsultationInput {
  person: string;
  on: string;
  views: string;
  stage: Stage | null;
}

export interface ConfidentialityInput {
  decision: "granted" | "refused";
  decided_by: string;
  on: string;
  grounds: string;
}

/** The one error shape every command rejects with; `field` names the refused value, if any. */
export interface CommandError {
  code: string;
  message: string;
  field?: string | null;
}

/** The case list's filters; every one given narrows the list. */
export interface CaseFilter {
  year?: number | null;
  councillor_id?: number | null;
  platform?: string | null;
  tag?: string | null;
  determination?: string | null;
  stage?: string | null;
  words?: string | null;
}

export interface ListOptions {
  years: number[];
  councillors: { id: number; name: string; council: string }[];
  platforms: string[];
  stages: Stage[];
  determinations: Determination[];
  tags: { code: string; title: string }[];
}

/** A file offered for a new complaint, already checked by Casebook and held until it is saved. */
export interface StagedFile {
  token: string;
  name: string | null;
  media_type: string;
  size: number;
  width: number | null;
  height: number | null;
}

export interface ComplaintInput {
  councillor_id: number | null;
  new_councillor: { name: string; council: string; ward: string | null; party: string | null } | null;
  complainant_name: string;
  complainant_contact: string | null;
  complainant_type: string;
  confidentiality_requested: boolean;
  confidentiality_reason: string | null;
  received_on: string;
  channel: string;
  platform: string;
  post_url: string | null;
  posted_at: string | null;
  summary: string;
  post_text: string | null;
  files: string[];
  capture: CaptureInput;
}

/** Who captured evidence and when; blanks mean the officer, now. */
export interface CaptureInput {
  captured_by: string | null;
  captured_at: string | null;
  description: string | null;
}

export interface IntakeOptions {
  councillors: { id: number; name: string; council: string }[];
  councils: string[];
  platforms: string[];
  channels: string[];
  complainant_types: string[];
  max_file_bytes: number;
}

export interface Target {
  key: string;
  label: string;
  value: number;
  default: number;
}

export interface SettingsView {
  council_name: string | null;
  officer_name: string | null;
  recorded_as: string;
  actor_given: boolean;
  database_path: string;
  schema_version: number;
  targets: Target[];
}

export interface Holiday {
  date: string;
  name: string;
  source: "bank holiday" | "added" | "removed";
}

export interface VerifyReport {
  audit_entries: number;
  evidence_items: number;
  blobs_rehashed: number;
  records_checked: number;
  problems: { area: string; location: string; detail: string }[];
}

export interface Account {
  id: number;
  platform: string;
  handle: string;
  profile_says_councillor: boolean;
  account_use: "personal" | "councillor" | "mixed";
  visibility: "public" | "private";
}

export interface Councillor {
  id: number;
  name: string;
  council: string;
  ward: string | null;
  party: string | null;
  membership: "elected" | "co-opted";
  term_start: string | null;
  term_end: string | null;
  case_count: number;
  accounts: Account[];
}

export interface CouncillorInput {
  name: string;
  council: string;
  ward: string | null;
  party: string | null;
  co_opted: boolean;
  term_start: string | null;
  term_end: string | null;
}

export interface AccountInput {
  platform: string;
  handle: string;
  profile_says_councillor: boolean;
  account_use: string;
  visibility: string;
}

export interface CatalogueVersion {
  id: number;
  label: string;
  title: string;
  adopted_on: string | null;
  source: string;
}

export interface Note {
  id: number;
  case_id: number;
  /** As written (Markdown). */
  body: string;
  /** Rendered and sanitised by the core (pulldown-cmark + ammonia): safe to insert as HTML. */
  html: string;
  author: string;
  written_at: string;
}

export interface ImportCheck {
  path: string;
  outcome: {
    dry_run: boolean;
    rows: number;
    cases: string[];
    councillors_added: string[];
    tags: number;
    post_texts: number;
    ignored_columns: string[];
  } | null;
  errors: { line: number; field: string; reason: string }[];
}

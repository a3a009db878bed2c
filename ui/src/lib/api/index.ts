// The only module that talks to the Rust side. Screens import these functions, never `invoke`.
import { invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  EmailView,
  OcrProgress,
  RedactionBox,
  AccountInput,
  CaptureInput,
  CaseDetail,
  CaseFilter,
  CasePage,
  CaseSort,
  CatalogueVersion,
  Councillor,
  CouncillorInput,
  CaseRow,
  ComplaintInput,
  IntakeOptions,
  Holiday,
  ImportCheck,
  ImportProgress,
  ListOptions,
  SettingsView,
  StagedFile,
  VerifyReport,
  CatalogueItem,
  CommandError,
  ConfidentialityInput,
  ConsultationInput,
  Dashboard,
  DueLists,
  Procedure,
  ProcedureOptions,
  StepInput,
  PaperRequest,
  Preview,
  PublicationInput,
  ReportOptions,
  Start,
  PassphraseStrength,
  Restored,
  Access,
  Disposal,
  RetentionReview,
  RetentionView,
  Sar,
  SarDetail,
  SarHit,
  SarInput,
  SarPack,
  SarRedaction,
  CommentsInput,
  CostInput,
  Draft,
  IndependentPersonInput,
  InvestigatorInput,
  IpRegister,
  Letter,
  LetterInput,
  LetterOffer,
  NotificationInput,
  ReportInput,
  ReviewDecisionInput,
  ReviewRequestInput,
  StagedDocument,
  TeamSession,
  CaseQuery,
  CaseListPage,
  CaseOpened,
  CaseRecord,
} from "./types";

export type * from "./types";

/** A command failed; `code` is stable (invalid, not_found, conflict, database, …); `field` names
 * the value that was refused, so a form can show the message beside it. */
export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;
  constructor(code: string, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
  }

  /** The message without the "field: " prefix the core puts on it, for showing beside the field. */
  get reason(): string {
    const prefix = this.field ? `${this.field}: ` : "";
    return prefix && this.message.startsWith(prefix) ? this.message.slice(prefix.length) : this.message;
  }
}

export function toApiError(raw: unknown): ApiError {
  if (raw && typeof raw === "object" && "code" in raw && "message" in raw) {
    const e = raw as CommandError;
    return new ApiError(String(e.code), String(e.message), e.field ? String(e.field) : null);
  }
  return new ApiError("internal", typeof raw === "string" ? raw : "Unexpected error from Casebook");
}

/** The reason to show beside a field for a failed call (without the "field: " prefix). */
export function reasonOf(e: unknown): string {
  return e instanceof ApiError ? e.reason : e instanceof Error ? e.message : String(e);
}

/** Where a form shows a failed call's reason: beside its field if the form has it (one of
 * `known`), else as the form's own message ("form"); and the reason itself. */
export function fieldOf(e: unknown, known: string[]): [string, string] {
  const err = e instanceof ApiError ? e : new ApiError("internal", e instanceof Error ? e.message : String(e));
  return [err.field && known.includes(err.field) ? err.field : "form", err.reason];
}

/** The whole message of a failed call, for a message not tied to one field. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

type Invoke = <T>(
  cmd: string,
  args?: Record<string, unknown> | Uint8Array,
  options?: { headers: Record<string, string> },
) => Promise<T>;
let call: Invoke = invoke;

/** Tests replace the transport; the app never does. */
export function setTransport(fn: Invoke): void {
  call = fn;
}

let onLocked: (() => void) | null = null;

/** Called whenever a command finds the session locked (left idle, say): the app shows its lock screen. */
export function whenLocked(fn: () => void): void {
  onLocked = fn;
}

async function run<T>(
  cmd: string,
  args?: Record<string, unknown> | Uint8Array,
  options?: { headers: Record<string, string> },
): Promise<T> {
  try {
    return await call<T>(cmd, args, options);
  } catch (raw) {
    const e = toApiError(raw);
    if (e.code === "locked") onLocked?.();
    throw e;
  }
}

export const api = {
  /** Where the session stands: which lock screen to show, or none. */
  start: () => run<Start>("start"),
  passphraseStrength: (passphrase: string) => run<PassphraseStrength>("passphrase_strength", { passphrase }),
  /** The first run: makes the database, encrypted with this passphrase. */
  createDatabase: (passphrase: string, confirm: string) => run<Start>("create_database", { passphrase, confirm }),
  unlock: (passphrase: string | null) => run<Start>("unlock", { passphrase }),
  signIn: (officer: number) => run<Start>("sign_in", { officer }),
  lockApp: (idle: boolean) => run<Start>("lock_app", { idle }),
  /** The officer is still at work: restarts the idle clock. */
  touch: () => run<null>("touch"),
  /** Opens the system's file dialog, checks the backup and restores it; null if cancelled. */
  restoreBackup: () => run<Restored | null>("restore_backup"),
  caseAccess: (reference: string) => run<Access[]>("case_access", { reference }),
  appInfo: () => run<AppInfo>("app_info"),
  listCases: (filter: CaseFilter = {}) => run<CaseRow[]>("list_cases", { filter }),
  /** One page of the cases matching `filter`, sorted by the core: `limit` rows (at most 500) from `offset`, and the total. */
  listCasePage: (filter: CaseFilter, sort: CaseSort, offset: number, limit: number) =>
    run<CasePage>("list_case_page", { filter, sort, offset, limit }),
  listOptions: () => run<ListOptions>("list_options"),
  loadDemo: () => run<AppInfo>("load_demo"),
  dashboard: () => run<Dashboard>("dashboard"),
  /** Everything overdue or due soon (the dashboard carries the first of each). */
  dueLists: () => run<DueLists>("due_lists"),
  caseDetail: (reference: string) => run<CaseDetail>("case_detail", { reference }),
  procedureOptions: () => run<ProcedureOptions>("procedure_options"),
  recordStep: (reference: string, step: StepInput) => run<Procedure>("record_step", { reference, step }),
  undoStep: (reference: string, reason: string) => run<Procedure>("undo_step", { reference, reason }),
  addConsultation: (reference: string, consultation: ConsultationInput) =>
    run<Procedure>("add_consultation", { reference, consultation }),
  pauseClock: (reference: string, on: string, reason: string, note: string | null) =>
    run<Procedure>("pause_clock", { reference, on, reason, note }),
  resumeClock: (reference: string, on: string, note: string | null) =>
    run<Procedure>("resume_clock", { reference, on, note }),
  decideConfidentiality: (reference: string, decision: ConfidentialityInput) =>
    run<Procedure>("decide_confidentiality", { reference, decision }),
  catalogueItems: (versionId: number) => run<CatalogueItem[]>("catalogue_items", { versionId }),
  setTag: (reference: string, code: string, note: string | null) =>
    run<CaseDetail>("set_tag", { reference, code, note }),
  removeTag: (reference: string, code: string) => run<CaseDetail>("remove_tag", { reference, code }),
  answerIndicator: (reference: string, code: string, answer: string, note: string | null) =>
    run<CaseDetail>("answer_indicator", { reference, code, answer, note }),
  determineCapacity: (reference: string, determination: string, reasons: string | null) =>
    run<CaseDetail>("determine_capacity", { reference, determination, reasons }),
  /** An evidence item's original bytes. */
  evidenceFile: (id: number) => run<ArrayBuffer>("evidence_file", { id }),
  /** An image item's JPEG thumbnail (empty if it has none). */
  evidenceThumbnail: (id: number) => run<ArrayBuffer>("evidence_thumbnail", { id }),
  intakeOptions: () => run<IntakeOptions>("intake_options"),
  /** Offers a file for a new complaint: sent raw, checked at once, held until the complaint is saved. */
  /** An email's headers and its body as plain text, read from its bytes for the viewer. */
  readEmail: (bytes: ArrayBuffer) => run<EmailView>("read_email", new Uint8Array(bytes)),
  stageFile: (bytes: Uint8Array, name: string | null) =>
    run<StagedFile>("stage_file", bytes, { headers: { "x-file-name": encodeURIComponent(name ?? "") } }),
  /** Opens the system's file dialog for a video (MP4, WebM, MOV up to 1 GiB): checked and hashed from the disk, held as its path until saved; null if cancelled. */
  chooseVideo: () => run<StagedFile | null>("choose_video"),
  logComplaint: (complaint: ComplaintInput) => run<string>("log_complaint", { complaint }),
  settings: () => run<SettingsView>("settings_get"),
  saveNames: (councilName: string, officerName: string) => run<SettingsView>("save_names", { councilName, officerName }),
  setTarget: (key: string, value: string) => run<SettingsView>("set_target", { key, value }),
  holidays: (year: number) => run<Holiday[]>("holidays", { year }),
  addHoliday: (date: string, name: string) => run<null>("add_holiday", { date, name }),
  removeHoliday: (date: string, reason: string) => run<null>("remove_holiday", { date, reason }),
  verifyDatabase: () => run<VerifyReport>("verify_database"),
  /** Opens the system's save dialog; the backup's path, or null if cancelled. */
  backupDatabase: () => run<string | null>("backup_database"),
  councillors: () => run<Councillor[]>("councillors"),
  addCouncillor: (councillor: CouncillorInput) => run<Councillor>("add_councillor", { councillor }),
  addAccount: (councillorId: number, account: AccountInput) =>
    run<Councillor>("add_account", { councillorId, account }),
  catalogueVersions: () => run<CatalogueVersion[]>("catalogue_versions"),
  addNote: (reference: string, body: string) => run<CaseDetail>("add_note", { reference, body }),
  addEvidence: (reference: string, files: string[], postText: string | null, capture: CaptureInput) =>
    run<CaseDetail>("add_evidence", { reference, files, postText, capture }),
  setSummary: (reference: string, summary: string) => run<CaseDetail>("set_summary", { reference, summary }),
  editNote: (reference: string, id: number, body: string) => run<CaseDetail>("edit_note", { reference, id, body }),
  addRedactedCopy: (reference: string, original: number, file: string) =>
    run<CaseDetail>("add_redacted_copy", { reference, original, file }),
  /** A redacted copy of image item `original`: each box filled solid black in a new PNG, kept for `reason`. */
  redactEvidence: (reference: string, original: number, boxes: RedactionBox[], reason: string) =>
    run<CaseDetail>("redact_evidence", { reference, original, boxes, reason }),
  linkCase: (reference: string, other: string, kind: string) => run<CaseDetail>("link_case", { reference, other, kind }),
  /** Opens the system's save dialog; the path written, or null if cancelled. */
  exportEvidence: (id: number) => run<string | null>("export_evidence", { id }),
  /** Opens the system's file dialog and checks the chosen log without storing it; null if cancelled. */
  checkImport: () => run<ImportCheck | null>("check_import"),
  importLog: (path: string) => run<ImportCheck>("import_log", { path }),
  /** How far the running import (or check) has got. */
  importProgress: () => run<ImportProgress>("import_progress"),
  /** Starts reading the words in screenshots not read yet, in the background; how far it has got. */
  readScreenshots: () => run<OcrProgress>("read_screenshots"),
  ocrProgress: () => run<OcrProgress>("ocr_progress"),
  /** Keeps the officer's correction of the text read in a screenshot, apart from what was read. */
  correctReading: (reference: string, reading: number, text: string) =>
    run<CaseDetail>("correct_reading", { reference, reading, text }),
  /** Stops the running import; nothing of it is stored. */
  cancelImport: () => run<ImportProgress>("cancel_import"),
  /** Opens the system's file dialog and adds the chosen catalogue version; null if cancelled. */
  addCatalogueVersion: () => run<CatalogueVersion | null>("add_catalogue_version"),
  reportOptions: () => run<ReportOptions>("report_options"),
  /** The annual report or a decision notice as a self-contained HTML page, for the preview. */
  reportPreview: (request: PaperRequest) => run<Preview>("report_preview", { request }),
  /** Makes the paper in `format` and opens the system's save dialog; the path, or null if cancelled. */
  exportReport: (request: PaperRequest, format: string) => run<string | null>("export_report", { request, format }),
  writeTemplates: () => run<ReportOptions>("write_templates"),
  saveReportSettings: (rule: string, recommendations: string) =>
    run<ReportOptions>("save_report_settings", { rule, recommendations }),
  setPublication: (reference: string, publication: PublicationInput) =>
    run<CaseDetail>("set_publication", { reference, publication }),
  flagGap: (reference: string, item: string | null, note: string) => run<CaseDetail>("flag_gap", { reference, item, note }),
  removeGap: (reference: string, id: number, reason: string) => run<CaseDetail>("remove_gap", { reference, id, reason }),
  /** The retention schedule, cases due for review and past disposals. */
  retentionView: () => run<RetentionView>("retention_view"),
  setRetentionRule: (ending: string, months: string, start: string, reason: string) =>
    run<RetentionView>("set_retention_rule", { ending, months, start, reason }),
  caseRetention: (reference: string) => run<RetentionReview>("case_retention", { reference }),
  holdCase: (reference: string, reason: string) => run<RetentionReview>("hold_case", { reference, reason }),
  liftHold: (reference: string, reason: string) => run<RetentionReview>("lift_hold", { reference, reason }),
  extendRetention: (reference: string, to: string, reason: string) =>
    run<RetentionReview>("extend_retention", { reference, to, reason }),
  /** Removes the cases' personal data for good; their anonymised figures stay. */
  disposeCases: (references: string[], reason: string, early: boolean) =>
    run<Disposal>("dispose_cases", { references, reason, early }),
  /** Makes a disposal's certificate (pdf or docx) and opens the save dialog; the path, or null. */
  exportCertificate: (certificate: string, format: string) =>
    run<string | null>("export_certificate", { certificate, format }),
  sars: () => run<Sar[]>("sars"),
  newSar: (request: SarInput) => run<Sar>("new_sar", { request }),
  sarDetail: (id: number) => run<SarDetail>("sar_detail", { id }),
  confirmSarHit: (id: number, hit: number, confirmed: boolean) => run<SarHit[]>("confirm_sar_hit", { id, hit, confirmed }),
  setSarNames: (id: number, aliases: string, redact: string, keep: string) =>
    run<Sar>("set_sar_names", { id, aliases, redact, keep }),
  sarRedactions: (id: number) => run<SarRedaction[]>("sar_redactions", { id }),
  extendSar: (id: number, reason: string) => run<Sar>("extend_sar", { id, reason }),
  sarSent: (id: number, on: string) => run<Sar>("sar_sent", { id, on }),
  /** Makes the response pack and opens the save dialog; what was written, or null if cancelled. */
  exportSarPack: (id: number) => run<SarPack | null>("export_sar_pack", { id }),
  notifyCouncillor: (reference: string, notification: NotificationInput) =>
    run<Procedure>("notify_councillor", { reference, notification }),
  /** The councillor's comments; `file` is the token of a file offered with `stageFile`. */
  councillorComments: (reference: string, comments: CommentsInput) =>
    run<Procedure>("councillor_comments", { reference, comments }),
  appointInvestigator: (reference: string, investigator: InvestigatorInput) =>
    run<Procedure>("appoint_investigator", { reference, investigator }),
  /** Hours ("3.5") and cost in pounds ("1,250.00") as typed. */
  addInvestigationCost: (reference: string, cost: CostInput) => run<Procedure>("add_investigation_cost", { reference, cost }),
  /** Offers a report (PDF, Word, Markdown or HTML): sent raw, checked at once, held until recorded. */
  stageDocument: (bytes: Uint8Array, name: string | null) =>
    run<StagedDocument>("stage_document", bytes, { headers: { "x-file-name": encodeURIComponent(name ?? "") } }),
  recordReport: (reference: string, report: ReportInput) => run<Procedure>("record_report", { reference, report }),
  requestReview: (reference: string, request: ReviewRequestInput) => run<Procedure>("request_review", { reference, request }),
  decideReview: (reference: string, decision: ReviewDecisionInput) => run<Procedure>("decide_review", { reference, decision }),
  ipRegister: () => run<IpRegister>("ip_register"),
  addIndependentPerson: (person: IndependentPersonInput) => run<IpRegister>("add_independent_person", { person }),
  updateIndependentPerson: (id: number, person: IndependentPersonInput) =>
    run<IpRegister>("update_independent_person", { id, person }),
  saveCouncilAddress: (address: string) => run<SettingsView>("save_council_address", { address }),
  /** The letters the case can have now. */
  letterOffers: (reference: string) => run<LetterOffer[]>("letter_offers", { reference }),
  /** A letter as its template makes it today, for the officer to edit. */
  letterDraft: (reference: string, kind: string, party: string) => run<Draft>("letter_draft", { reference, kind, party }),
  /** The (edited) letter as it will print: a self-contained HTML page, for a sandboxed preview. */
  letterPreview: (markdown: string) => run<string>("letter_preview", { markdown }),
  /** Renders the letter (pdf or docx) and keeps it on the case. */
  keepLetter: (reference: string, letter: LetterInput) => run<Letter>("keep_letter", { reference, letter }),
  letterSent: (reference: string, id: number, on: string, by: string) => run<Procedure>("letter_sent", { reference, id, on, by }),
  /** Opens the system's save dialog for a kept case document; the path written, or null if cancelled. */
  exportDocument: (reference: string, id: number) => run<string | null>("export_document", { reference, id }),

  // ---- The team server ("Connect to a team server"): every change names the case's version ----
  /** Signs in to a team server; the session is kept in the OS keyring. */
  teamConnect: (server: string, name: string, password: string) =>
    run<TeamSession>("team_connect", { server, name, password }),
  teamDisconnect: () => run<null>("team_disconnect"),
  teamChooseCouncil: (id: number) => run<TeamSession>("team_choose_council", { id }),
  teamDashboard: () => run<Dashboard>("team_dashboard"),
  teamDueLists: () => run<DueLists>("team_due_lists"),
  teamCases: (query: CaseQuery) => run<CaseListPage>("team_cases", { query }),
  teamIntakeOptions: () => run<IntakeOptions>("team_intake_options"),
  /** One of the procedure's records on the case, on the version the officer has open. */
  teamRecord: (reference: string, basedOn: number, record: CaseRecord) => run<CaseOpened>("team_record", { reference, basedOn, record }),
  teamIpRegister: () => run<IpRegister>("team_ip_register"),
  teamAnswerIndicator: (reference: string, basedOn: number, code: string, answer: string, note: string | null) =>
    run<CaseOpened>("team_answer_indicator", { reference, basedOn, code, answer, note }),
  teamDetermineCapacity: (reference: string, basedOn: number, determination: string, reasons: string | null) =>
    run<CaseOpened>("team_determine_capacity", { reference, basedOn, determination, reasons }),
  /** An evidence item's bytes from the server, checked against its SHA-256. */
  teamEvidence: (id: number) => run<ArrayBuffer>("team_evidence", { id }),
  /** Opens the save dialog; the path written, or null if cancelled. */
  teamSaveEvidence: (id: number, name: string) => run<string | null>("team_save_evidence", { id, name }),
  teamLetterOffers: (reference: string) => run<LetterOffer[]>("team_letter_offers", { reference }),
  teamLetterDraft: (reference: string, kind: string, party: string) => run<Draft>("team_letter_draft", { reference, kind, party }),
  /** Keeps the (edited) letter on the case, rendered by the server, on the version the officer has open. */
  teamKeepLetter: (reference: string, basedOn: number, letter: LetterInput) => run<CaseOpened>("team_keep_letter", { reference, basedOn, letter }),
  teamSaveDocument: (reference: string, id: number, name: string) => run<string | null>("team_save_document", { reference, id, name }),
  teamCaseRetention: (reference: string) => run<RetentionReview>("team_case_retention", { reference }),
  teamRetentionView: () => run<RetentionView>("team_retention_view"),
  /** One of the registers' actions on the server (councillors and the catalogue); its answer. */
  teamRegister: <T>(action: Record<string, unknown>) => run<T>("team_register", { action }),
  /** One of the council settings' actions on the server; its answer. */
  /** Asks for a catalogue version file and adds it on the server (null if cancelled). */
  teamAddCatalogueVersion: () => run<CatalogueVersion | null>("team_add_catalogue_version"),
  teamSettings: <T>(action: Record<string, unknown>) => run<T>("team_settings", { action }),
  /** One of the subject access screen's actions on the server; its answer. */
  teamSar: <T>(action: Record<string, unknown>) => run<T>("team_sar", { action }),
  teamExportSarPack: (id: number) => run<SarPack | null>("team_export_sar_pack", { id }),
  teamDisposeCases: (references: string[], reason: string, early: boolean) =>
    run<Disposal>("team_dispose_cases", { references, reason, early }),
  teamExportCertificate: (certificate: string, format: string) =>
    run<string | null>("team_export_certificate", { certificate, format }),
  /** The annual report or a decision notice, made by the server, as HTML. */
  teamReportPreview: (request: PaperRequest) => run<Preview>("team_report_preview", { request }),
  /** Has the server make the paper in `format`, and saves it where the officer chooses. */
  teamExportReport: (request: PaperRequest, format: string) => run<string | null>("team_export_report", { request, format }),
  /** Sends a file offered with `stageFile` as a redacted copy of evidence item `original`, on the open version. */
  teamAddRedactedCopy: (reference: string, basedOn: number, original: number, file: string) =>
    run<CaseOpened>("team_add_redacted_copy", { reference, basedOn, original, file }),
  /** A redacted copy of image item `original`, made here from its checked bytes and sent linked to it, on the open version. */
  teamRedactEvidence: (reference: string, basedOn: number, original: { id: number; name: string | null }, boxes: RedactionBox[], reason: string) =>
    run<CaseOpened>("team_redact_evidence", { reference, basedOn, original, boxes, reason }),
  /** Records the final investigation report with the file offered with `stageDocument`, on the open version. */
  teamFinalReport: (reference: string, basedOn: number, on: string, file: string) =>
    run<CaseOpened>("team_final_report", { reference, basedOn, on, file }),
  /** Logs a complaint on the server, then sends its offered files; its reference. */
  teamLogComplaint: (complaint: ComplaintInput) => run<string>("team_log_complaint", { complaint }),
  teamCase: (reference: string) => run<CaseOpened>("team_case", { reference }),
  teamStep: (reference: string, basedOn: number, step: StepInput) =>
    run<CaseOpened>("team_step", { reference, basedOn, step }),
  teamTag: (reference: string, basedOn: number, code: string, note: string | null) =>
    run<CaseOpened>("team_tag", { reference, basedOn, code, note }),
  teamNote: (reference: string, basedOn: number, body: string) =>
    run<CaseOpened>("team_note", { reference, basedOn, body }),
  /** Sends files offered with `stageFile` to the case on the server (each hashed and checked there). */
  teamAddEvidence: (reference: string, basedOn: number, files: string[], description: string | null) =>
    run<CaseOpened>("team_add_evidence", { reference, basedOn, files, description }),
};

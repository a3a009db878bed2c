// Where the committee papers are made from: the file on this computer (`filePapers`), or a team
// server (which makes them from the council's records with Casebook's own templates; a council's
// own templates are kept with a file only, for now).
import { api, type PaperRequest, type Preview, type ReportOptions } from "./api";

export type PaperSource = {
  options: () => Promise<ReportOptions>;
  preview: (request: PaperRequest) => Promise<Preview>;
  /** Makes the paper in `format` and saves it where the officer chooses: the path, or null. */
  exportReport: (request: PaperRequest, format: string) => Promise<string | null>;
  saveSettings: ((rule: string, recommendations: string) => Promise<ReportOptions>) | null;
  writeTemplates: (() => Promise<ReportOptions>) | null;
};

export const filePapers: PaperSource = {
  options: () => api.reportOptions(),
  preview: (request) => api.reportPreview(request),
  exportReport: (request, format) => api.exportReport(request, format),
  saveSettings: (rule, recommendations) => api.saveReportSettings(rule, recommendations),
  writeTemplates: () => api.writeTemplates(),
};

export const serverPapers: PaperSource = {
  options: () => api.teamSettings<ReportOptions>({ action: "report_options" }),
  preview: (request) => api.teamReportPreview(request),
  exportReport: (request, format) => api.teamExportReport(request, format),
  saveSettings: (rule, recommendations) =>
    api.teamSettings<ReportOptions>({ action: "report_settings", rule, recommendations }),
  writeTemplates: null,
};

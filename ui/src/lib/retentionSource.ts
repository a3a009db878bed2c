// Where the Retention screen reads and acts: the file on this computer (`fileRetention`), or a team
// server (`serverRetention`: a hold or extension from the list is made on the version the case
// has when it is asked for).
import { api, type Disposal, type RetentionView } from "./api";

type SetRule = (ending: string, months: string, start: string, reason: string) => Promise<RetentionView>;

export type RetentionSource = {
  view: () => Promise<RetentionView>;
  dispose: (references: string[], reason: string, early: boolean) => Promise<Disposal>;
  /** Makes the certificate in `format` and saves it where the officer chooses: the path, or null. */
  exportCertificate: (certificate: string, format: string) => Promise<string | null>;
  extend: (reference: string, to: string, reason: string) => Promise<unknown>;
  hold: (reference: string, reason: string) => Promise<unknown>;
  lift: (reference: string, reason: string) => Promise<unknown>;
  /** Changes one of the schedule's rules (a Monitoring Officer or Deputy on a team server). */
  setRule: SetRule;
};

export const fileRetention: RetentionSource = {
  view: () => api.retentionView(),
  dispose: (references, reason, early) => api.disposeCases(references, reason, early),
  exportCertificate: (certificate, format) => api.exportCertificate(certificate, format),
  extend: (reference, to, reason) => api.extendRetention(reference, to, reason),
  hold: (reference, reason) => api.holdCase(reference, reason),
  lift: (reference, reason) => api.liftHold(reference, reason),
  setRule: (ending, months, start, reason) => api.setRetentionRule(ending, months, start, reason),
};

/** A record on case `reference` on the server, on the version it has now. */
async function onCase(reference: string, record: Parameters<typeof api.teamRecord>[2]) {
  const opened = await api.teamCase(reference);
  return api.teamRecord(reference, opened.version, record);
}

export const serverRetention: RetentionSource = {
  view: () => api.teamRetentionView(),
  dispose: (references, reason, early) => api.teamDisposeCases(references, reason, early),
  exportCertificate: (certificate, format) => api.teamExportCertificate(certificate, format),
  extend: (reference, to, reason) => onCase(reference, { record: "extend", to, reason }),
  hold: (reference, reason) => onCase(reference, { record: "hold", reason }),
  lift: (reference, reason) => onCase(reference, { record: "lift", reason }),
  setRule: (ending, months, start, reason) =>
    api.teamSettings<RetentionView>({ action: "retention_rule", ending, months, start, reason }),
};

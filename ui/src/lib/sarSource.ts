// Where the subject access screen reads and acts: the file on this computer (`fileSars`), or a
// team server (`serverSars`, which finds, redacts and makes the pack there).
import { api, type Sar, type SarDetail, type SarHit, type SarInput, type SarPack, type SarRedaction } from "./api";

export type SarSource = {
  list: () => Promise<Sar[]>;
  create: (request: SarInput) => Promise<Sar>;
  detail: (id: number) => Promise<SarDetail>;
  confirm: (id: number, hit: number, confirmed: boolean) => Promise<SarHit[]>;
  names: (id: number, aliases: string, redact: string, keep: string) => Promise<unknown>;
  redactions: (id: number) => Promise<SarRedaction[]>;
  /** Makes the pack and saves it where the officer chooses: its summary, or null if cancelled. */
  exportPack: (id: number) => Promise<SarPack | null>;
  extend: (id: number, reason: string) => Promise<Sar>;
  sent: (id: number, on: string) => Promise<Sar>;
};

export const fileSars: SarSource = {
  list: () => api.sars(),
  create: (request) => api.newSar(request),
  detail: (id) => api.sarDetail(id),
  confirm: (id, hit, confirmed) => api.confirmSarHit(id, hit, confirmed),
  names: (id, aliases, redact, keep) => api.setSarNames(id, aliases, redact, keep),
  redactions: (id) => api.sarRedactions(id),
  exportPack: (id) => api.exportSarPack(id),
  extend: (id, reason) => api.extendSar(id, reason),
  sent: (id, on) => api.sarSent(id, on),
};

export const serverSars: SarSource = {
  list: () => api.teamSar<Sar[]>({ action: "list" }),
  create: (r) => api.teamSar<Sar>({ action: "new", name: r.name, received_on: r.received_on, contact: r.contact }),
  detail: (id) => api.teamSar<SarDetail>({ action: "detail", id }),
  confirm: (id, hit, confirmed) => api.teamSar<SarHit[]>({ action: "confirm", id, hit, confirmed }),
  names: (id, aliases, redact, keep) => api.teamSar<Sar>({ action: "names", id, aliases, redact, keep }),
  redactions: (id) => api.teamSar<SarRedaction[]>({ action: "redactions", id }),
  exportPack: (id) => api.teamExportSarPack(id),
  extend: (id, reason) => api.teamSar<Sar>({ action: "extend", id, reason }),
  sent: (id, on) => api.teamSar<Sar>({ action: "sent", id, on }),
};

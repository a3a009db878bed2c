// Where the Settings screen's council panels read and change: the file on this computer
// (`fileSettings`), or a team server (`serverSettings`, for its Monitoring Officer or Deputy).
import { api, type Holiday, type Target } from "./api";

export type Names = { council_name: string | null; officer_name: string | null };

export type SettingsSource = {
  saveNames: (council: string, officer: string) => Promise<Names>;
  /** Sets one time target; the targets the screen shows, as they now are. */
  setTarget: (key: string, value: string) => Promise<Target[]>;
  holidays: (year: number) => Promise<Holiday[]>;
  /** Adds a one-off holiday; the holidays of `year` as they now are. */
  addHoliday: (year: number, date: string, name: string) => Promise<Holiday[]>;
  /** Removes an added day, or makes a bank holiday a working day; `year`'s holidays now. */
  removeHoliday: (year: number, date: string, reason: string) => Promise<Holiday[]>;
};

/** The idle time: each computer's own, kept apart from the council's time targets. */
export const IDLE = "idle_lock_minutes";

export const fileSettings: SettingsSource = {
  saveNames: (council, officer) => api.saveNames(council, officer),
  setTarget: async (key, value) => (await api.setTarget(key, value)).targets.filter((t) => t.key !== IDLE),
  holidays: (year) => api.holidays(year),
  addHoliday: async (year, date, name) => (await api.addHoliday(date, name), api.holidays(year)),
  removeHoliday: async (year, date, reason) => (await api.removeHoliday(date, reason), api.holidays(year)),
};

const act = <T>(action: Record<string, unknown>) => api.teamSettings<T>(action);

export const serverSettings: SettingsSource & { names: () => Promise<Names>; targets: () => Promise<Target[]> } = {
  names: () => act<Names>({ action: "names" }),
  targets: () => act<Target[]>({ action: "targets" }),
  saveNames: (council_name, officer_name) => act<Names>({ action: "save_names", council_name, officer_name }),
  setTarget: (key, value) => act<Target[]>({ action: "set_target", key, value }),
  holidays: (year) => act<Holiday[]>({ action: "holidays", year }),
  addHoliday: (year, date, name) => act<Holiday[]>({ action: "add_holiday", year, date, name }),
  removeHoliday: (year, date, reason) => act<Holiday[]>({ action: "remove_holiday", year, date, reason }),
};

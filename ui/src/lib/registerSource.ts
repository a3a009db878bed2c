// Where the Councillors and Catalogue screens read and add: the file on this computer
// (`fileRegister`), or a team server (`serverRegister`; a new catalogue version there is for the
// Monitoring Officer or Deputy).
import {
  api,
  type AccountInput,
  type CaseRow,
  type CatalogueItem,
  type CatalogueVersion,
  type Councillor,
  type CouncillorInput,
} from "./api";

export type RegisterSource = {
  councillors: () => Promise<Councillor[]>;
  casesOf: (councillorId: number) => Promise<CaseRow[]>;
  addCouncillor: (councillor: CouncillorInput) => Promise<Councillor>;
  addAccount: (councillorId: number, account: AccountInput) => Promise<Councillor>;
  platforms: () => Promise<string[]>;
  versions: () => Promise<CatalogueVersion[]>;
  items: (versionId: number) => Promise<CatalogueItem[]>;
  /** Adds a catalogue version from a file the officer chooses (null where it cannot be done). */
  addVersion: (() => Promise<CatalogueVersion | null>) | null;
};

export const fileRegister: RegisterSource = {
  councillors: () => api.councillors(),
  casesOf: (id) => api.listCases({ councillor_id: id }),
  addCouncillor: (c) => api.addCouncillor(c),
  addAccount: (id, a) => api.addAccount(id, a),
  platforms: () => api.intakeOptions().then((o) => o.platforms),
  versions: () => api.catalogueVersions(),
  items: (versionId) => api.catalogueItems(versionId),
  addVersion: () => api.addCatalogueVersion(),
};

const act = <T>(action: Record<string, unknown>) => api.teamRegister<T>(action);

export const serverRegister: RegisterSource = {
  councillors: () => act<Councillor[]>({ action: "councillors" }),
  casesOf: (id) => act<CaseRow[]>({ action: "councillor_cases", id }),
  addCouncillor: (councillor) => act<Councillor>({ action: "add_councillor", councillor }),
  addAccount: (id, account) => act<Councillor>({ action: "add_account", id, account }),
  platforms: () => api.teamIntakeOptions().then((o) => o.platforms),
  versions: () => act<CatalogueVersion[]>({ action: "catalogue_versions" }),
  items: (versionId) => act<CatalogueItem[]>({ action: "catalogue_items", version_id: versionId }),
  addVersion: () => api.teamAddCatalogueVersion(),
};

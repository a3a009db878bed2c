// Where a case's letters are drafted, kept, marked sent and saved from: the file on this computer
// (`fileLetters`), or a team server (the team case view gives its own, each change made on the
// version it has open).
import { api, type Draft, type LetterInput } from "./api";

export type LetterSource = {
  draft: (reference: string, kind: string, party: string) => Promise<Draft>;
  keep: (reference: string, letter: LetterInput) => Promise<unknown>;
  sent: (reference: string, id: number, on: string, by: string) => Promise<unknown>;
  /** Saves a copy of a kept document where the officer chooses: the path, or null if cancelled. */
  saveDocument: (reference: string, id: number, name: string) => Promise<string | null>;
  /** Saves a copy of an evidence item: the path, or null if cancelled. */
  saveEvidence: (id: number, name: string) => Promise<string | null>;
};

export const fileLetters: LetterSource = {
  draft: (reference, kind, party) => api.letterDraft(reference, kind, party),
  keep: (reference, letter) => api.keepLetter(reference, letter),
  sent: (reference, id, on, by) => api.letterSent(reference, id, on, by),
  saveDocument: (reference, id) => api.exportDocument(reference, id),
  saveEvidence: (id) => api.exportEvidence(id),
};

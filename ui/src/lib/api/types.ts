// Every shape the Rust side sends or receives is generated from the Rust types (./generated,
// scripts/bindings.sh). Only shapes the UI alone uses are written here.
export type * from "./generated";

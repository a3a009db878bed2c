//! Links the CLI with packed relative relocations (DT_RELR; GNU ld 2.38+, glibc 2.36+): a
//! position-independent binary of this size carries some 110,000 relocations, 2.7 MB as plain
//! records and a few kilobytes packed.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

fn main() {
    // Packed relative relocations (DT_RELR; GNU ld 2.38+, glibc 2.36+): the loader reads a few
    // kilobytes instead of 2.7 MB of relocations, and the binary is that much smaller.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    tauri_build::build()
}

//! The smallest Tauri 2 app: one window with a heading.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the window opens");
}

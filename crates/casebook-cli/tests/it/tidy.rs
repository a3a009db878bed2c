//! The architecture, checked on the source text: no module cycles in a crate, SQL and reindexing
//! only in the store, short files, thin Tauri commands, a UI wrapper for every command, and lower
//! crates free of front-end crates. Each check is a pure function over text, shown to catch a
//! violation by the unit tests in `checks` at the bottom.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `src/` folder of every crate, relative to the workspace root.
const CRATE_SRCS: [&str; 7] = [
    "crates/casebook-domain/src",
    "crates/casebook-store/src",
    "crates/casebook/src",
    "crates/casebook-papers/src",
    "crates/casebook-cli/src",
    "crates/casebook-server/src",
    "src-tauri/src",
];
const STORE_SRC: &str = "crates/casebook-store/src";
const THIS_FILE: &str = "crates/casebook-cli/tests/it/tidy.rs";
const MAX_LINES: usize = 600;
const MAX_COMMAND_LINES: usize = 5;

/// Files allowed over [`MAX_LINES`] because they are mostly data tables: (path, one-line reason).
const LONG_FILES_ALLOWED: &[(&str, &str)] = &[];

type Graph = BTreeMap<String, BTreeSet<String>>;
/// (from, to) → each `file:line` where module `from` names module `to`.
type Edges = BTreeMap<(String, String), Vec<String>>;

fn root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// `path` relative to the workspace root, with `/` separators.
fn rel(path: &Path) -> String {
    let p = path.strip_prefix(root()).unwrap_or(path);
    p.to_string_lossy().replace('\\', "/")
}

/// Every file under `dir` ending with one of `exts`, sorted; not in `target`, `node_modules`.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let (mut out, mut todo) = (Vec::new(), vec![dir.to_path_buf()]);
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let (p, name) = (e.path(), e.file_name().to_string_lossy().into_owned());
            if p.is_dir() && name != "target" && name != "node_modules" {
                todo.push(p);
            } else if p.is_file() && exts.iter().any(|x| name.ends_with(x)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Fails unless `found` is empty, listing it after what is wrong and how to fix it.
#[track_caller]
fn assert_none(found: &[String], what: &str, fix: &str) {
    let list = found.join("\n  ");
    assert!(found.is_empty(), "{what} (fix: {fix}):\n  {list}");
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier `s` starts with (empty if none).
fn ident_at(s: &str) -> &str {
    &s[..s.find(|c: char| !is_ident(c)).unwrap_or(s.len())]
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// Whether the character before `offset` could end an identifier (or is `$`).
fn after_ident(text: &str, offset: usize) -> bool {
    let before = text[..offset].chars().next_back();
    before.is_some_and(|c| is_ident(c) || c == '$')
}

/// In lexed code, where the first block from `from` on closes (or a `;` before it, if `semicolon`).
fn block_end(code: &str, from: usize, semicolon: bool) -> Option<usize> {
    let mut depth = 0;
    for (j, ch) in code[from..].char_indices() {
        depth += i32::from(ch == '{') - i32::from(ch == '}');
        if (ch == '}' || (ch == ';' && semicolon)) && depth == 0 {
            return Some(from + j);
        }
    }
    None
}

/// Rust source as (code without comments, literals' contents as `_` but newlines kept so lines
/// still match; each string literal's contents with its line).
fn lex(src: &str) -> (String, Vec<(usize, String)>) {
    let c: Vec<char> = src.chars().collect();
    let (mut code, mut strings, mut i) = (String::new(), Vec::new(), 0);
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, x)| c.get(i + k) == Some(&x));
    let blank = |x: &char| if *x == '\n' { '\n' } else { '_' };
    while i < c.len() {
        let prev = |k: usize| i >= k && is_ident(c[i - k]);
        let boundary = !prev(1) || (matches!(c[i - 1], 'b' | 'c') && !prev(2));
        let hashes = c[i + 1..].iter().take_while(|&&x| x == '#').count();
        let raw = c[i] == 'r' && boundary && c.get(i + 1 + hashes) == Some(&'"');
        if at(i, "//") {
            i = (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len());
        } else if at(i, "/*") {
            let end = (i + 2..c.len()).find(|&j| at(j, "*/"));
            let end = end.map_or(c.len(), |j| j + 2);
            code.extend(c[i..end].iter().filter(|&&x| x == '\n'));
            i = end;
        } else if c[i] == '"' || raw {
            let hashes = if raw { hashes } else { 0 };
            let open = if raw { i + hashes + 2 } else { i + 1 };
            let closes = |j: usize| c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#'));
            let mut j = open;
            while j < c.len() && !closes(j) {
                j += if !raw && c[j] == '\\' { 2 } else { 1 };
            }
            let (j, end) = (j.min(c.len()), (j + 1 + hashes).min(c.len()));
            code.extend(&c[i..open]);
            strings.push((line_of(&code, code.len()), c[open..j].iter().collect()));
            code.extend(c[open..j].iter().map(blank));
            code.extend(&c[j..end]);
            i = end;
        } else if c[i] == '\'' && (c.get(i + 1) == Some(&'\\') || c.get(i + 2) == Some(&'\'')) {
            // A char literal ('{', '"', '\n', '\u{..}'); anything else after `'` is a lifetime.
            let escaped = (i + 3..c.len()).find(|&j| c[j] == '\'');
            let end = escaped.filter(|_| c[i + 1] == '\\').unwrap_or(i + 2);
            code.push('\'');
            code.extend(std::iter::repeat_n('_', end - i - 1));
            code.push('\'');
            i = end + 1;
        } else {
            code.push(c[i]);
            i += 1;
        }
    }
    (code, strings)
}

/// Lexed `code` without the items marked `#[cfg(test)]` (lines kept): unit tests may use anything.
fn without_tests(code: &str) -> String {
    let (mut out, mut last) = (String::new(), 0);
    for (k, _) in code.match_indices("#[cfg(test)]") {
        if k >= last {
            let end = block_end(code, k + 1, true).map_or(code.len(), |e| e + 1);
            out.push_str(&code[last..k]);
            out.extend(code[k..end].chars().filter(|&x| x == '\n'));
            last = end;
        }
    }
    out + &code[last..]
}

/// The first segment of every `crate::` path in lexed `code`, with its line; each member of a
/// `use crate::{a, b::{c, d}}` group counts (here `a` and `b`). `$crate`, `pub(crate)` don't.
fn crate_refs(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate") {
        let rest = code[at + "crate".len()..].trim_start();
        let Some(rest) = rest.strip_prefix("::").map(str::trim_start) else {
            continue;
        };
        let start = code.len() - rest.len();
        if after_ident(code, at) {
            continue;
        } else if !rest.starts_with('{') {
            out.push((ident_at(rest).to_string(), line_of(code, start)));
            continue;
        }
        let (mut depth, mut expecting) = (0, false);
        for (j, ch) in rest.char_indices() {
            match ch {
                '{' => (depth, expecting) = (depth + 1, depth == 0),
                '}' if depth == 1 => break,
                '}' => depth -= 1,
                ',' if depth == 1 => expecting = true,
                c if expecting && is_ident(c) => {
                    out.push((ident_at(&rest[j..]).to_string(), line_of(code, start + j)));
                    expecting = false;
                }
                _ => {}
            }
        }
    }
    out
}

/// Where each of `files` (module, file, source) names another module; `#[cfg(test)]` doesn't count.
fn module_edges(files: &[(String, String, String)]) -> Edges {
    let mods: BTreeSet<&String> = files.iter().map(|(m, _, _)| m).collect();
    let mut edges = Edges::new();
    for (from, file, src) in files {
        for (to, line) in crate_refs(&without_tests(&lex(src).0)) {
            if mods.contains(&to) && &to != from {
                let at = format!("{file}:{line}");
                edges.entry((from.clone(), to)).or_default().push(at);
            }
        }
    }
    edges
}

/// A crate's top-level modules (`src/x.rs`, `src/x/`; not `lib.rs`, `main.rs`), each with a file.
fn modules(src: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(src).into_iter().flatten().flatten() {
        let (p, name) = (e.path(), e.file_name().to_string_lossy().into_owned());
        let m = name.strip_suffix(".rs").filter(|m| *m != "lib");
        if p.is_dir() {
            out.extend(files(&p, &[".rs"]).into_iter().map(|f| (name.clone(), f)));
        } else if let Some(m) = m.filter(|m| *m != "main") {
            out.push((m.to_string(), p));
        }
    }
    out
}

/// Each cycle a depth-first search of `g` meets, as a path ending where it starts (`a -> b -> a`).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    fn visit(g: &Graph, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Vec<Vec<String>> {
        let (n, mut out) = (path.last().cloned().unwrap_or_default(), Vec::new());
        for m in g.get(&n).into_iter().flatten() {
            if let Some(at) = path.iter().position(|x| x == m) {
                out.push([&path[at..], std::slice::from_ref(m)].concat());
            } else if !done.contains(m) {
                path.push(m.clone());
                out.extend(visit(g, path, done));
                path.pop();
            }
        }
        done.insert(n);
        out
    }
    let (mut done, mut out) = (BTreeSet::new(), Vec::new());
    for n in g.keys() {
        if !done.contains(n) {
            out.extend(visit(g, &mut vec![n.clone()], &mut done));
        }
    }
    out
}

#[test]
fn no_module_cycles_in_any_crate() {
    let mut problems = Vec::new();
    for src in CRATE_SRCS {
        let mods = modules(&root().join(src)).into_iter();
        let mods: Vec<_> = mods.map(|(m, p)| (m, rel(&p), read(&p))).collect();
        let edges = module_edges(&mods);
        let mut graph = Graph::new();
        for (from, to) in edges.keys() {
            graph.entry(from.clone()).or_default().insert(to.clone());
        }
        for cycle in cycles(&graph) {
            let mut text = format!("{src}: {}", cycle.join(" -> "));
            for pair in cycle.windows(2) {
                let at = &edges[&(pair[0].clone(), pair[1].clone())];
                text += &format!("\n    {} -> {}: {}", pair[0], pair[1], at.join(", "));
            }
            problems.push(text);
        }
    }
    let fix = "move what both sides need into one of them, or into a new lower module, so that \
               `crate::` paths point one way";
    assert_none(&problems, "module cycles", fix);
}

/// The SQL keyword in `literal`, if any (upper case only, so "Select a case" is plain English).
fn sql_keyword(literal: &str) -> Option<&'static str> {
    const KEYWORDS: &str = "SELECT |INSERT INTO|DELETE FROM|CREATE TABLE|CREATE INDEX|CREATE \
                            TRIGGER|CREATE VIRTUAL TABLE|DROP TABLE|ALTER TABLE|PRAGMA |VACUUM";
    let word = |i: usize| !after_ident(literal, i);
    let found = |kw: &str| literal.match_indices(kw).any(|(i, _)| word(i));
    let update = literal.match_indices("UPDATE ").any(|(i, kw)| {
        let table = ident_at(&literal[i + kw.len()..]);
        let set = literal[i + kw.len() + table.len()..].starts_with(" SET");
        word(i) && !table.is_empty() && set
    });
    let keyword = KEYWORDS.split('|').find(|kw| found(kw));
    keyword.or(update.then_some("UPDATE … SET"))
}

/// `file:line: keyword in "literal"` for each string literal of `src` that holds SQL.
fn sql_literals(file: &str, src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (line, s) in lex(src).1 {
        if let Some(kw) = sql_keyword(&s) {
            let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let s: String = s.chars().take(60).collect();
            out.push(format!("{file}:{line}: `{kw}` in \"{s}\""));
        }
    }
    out
}

#[test]
fn sql_lives_only_in_the_store() {
    let mut found = Vec::new();
    for src in CRATE_SRCS.iter().filter(|s| **s != STORE_SRC) {
        for p in files(&root().join(src), &[".rs"]) {
            found.extend(sql_literals(&rel(&p), &read(&p)));
        }
    }
    let fix = "move the query into a function of the store module that owns the table, and call it";
    assert_none(&found, "SQL outside casebook-store", fix);
}

/// `file:line: text` for each line of `src` that names one of `needles`.
fn mentions(file: &str, src: &str, needles: &[&str]) -> Vec<String> {
    let hits = src.lines().enumerate();
    let hits = hits.filter(|(_, l)| needles.iter().any(|n| l.contains(n)));
    let hits = hits.map(|(i, l)| format!("{file}:{}: {}", i + 1, l.trim()));
    hits.collect()
}

#[test]
fn reindex_case_is_called_only_inside_the_store() {
    let needles = ["reindex_case", "reindex_touched"];
    let mut found = Vec::new();
    let all = ["crates", "src-tauri"].map(|d| files(&root().join(d), &[".rs"]));
    for p in all.concat() {
        let file = rel(&p);
        if !file.starts_with(&format!("{STORE_SRC}/")) && file != THIS_FILE {
            found.extend(mentions(&file, &read(&p), &needles));
        }
    }
    let what = format!("{needles:?} named outside {STORE_SRC}");
    let fix = "don't reindex by hand: write through `Db::write`, which reindexes the cases it \
               touched before it commits";
    assert_none(&found, &what, fix);
}

/// Each of `files` (path, text) over [`MAX_LINES`] and not `allowed`, or `allowed` and not over.
fn long_files(files: &[(String, String)], allowed: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in files {
        let n = text.lines().count();
        let allowed = allowed.iter().any(|(a, _)| *a == path.as_str());
        if n > MAX_LINES && !allowed {
            out.push(format!("{path}: {n} lines"));
        } else if n <= MAX_LINES && allowed {
            out.push(format!("{path}: {n} lines, so out of LONG_FILES_ALLOWED"));
        }
    }
    out
}

#[test]
fn no_source_file_over_600_lines() {
    let rs = CRATE_SRCS.map(|s| files(&root().join(s), &[".rs"]));
    let rs = rs.concat();
    let ui = files(&root().join("ui/src"), &[".ts", ".svelte"]);
    let test = |f: &String| f.ends_with(".test.ts") || f.contains("/tests/");
    let generated = |f: &String| f.starts_with("ui/src/lib/api/generated/");
    let all = rs.iter().chain(&ui).map(|p| rel(p));
    let texts = all.filter(|f| !test(f) && !generated(f));
    let texts: Vec<_> = texts.map(|f| (f.clone(), read(&root().join(f)))).collect();
    let what = format!("source files over {MAX_LINES} lines");
    let fix = format!(
        "split by responsibility, e.g. `x.rs` into `x/mod.rs` and submodules; only a file that is \
         mostly a data table may go in LONG_FILES_ALLOWED in {THIS_FILE}, with a one-line reason"
    );
    assert_none(&long_files(&texts, LONG_FILES_ALLOWED), &what, &fix);
}

/// Each `#[tauri::command]` in `src`: name, line, non-blank body lines (comments don't count).
fn command_bodies(src: &str) -> Vec<(String, usize, usize)> {
    let code = lex(src).0;
    let mut out = Vec::new();
    for (k, _) in code.match_indices("#[tauri::command") {
        let mut fns = code[k..].match_indices("fn ").map(|(j, _)| k + j);
        let f = fns.find(|&j| !after_ident(&code, j));
        let Some((f, open)) = f.and_then(|f| Some((f, f + code[f..].find('{')?))) else {
            continue;
        };
        let body = &code[open + 1..block_end(&code, open, false).unwrap_or(code.len())];
        let lines = body.lines().filter(|l| !l.trim().is_empty()).count();
        let name = ident_at(&code[f + 3..]).to_string();
        out.push((name, line_of(&code, f), lines));
    }
    out
}

#[test]
fn every_tauri_command_body_is_at_most_five_lines() {
    let (mut long, mut count) = (Vec::new(), 0);
    for p in files(&root().join("src-tauri/src"), &[".rs"]) {
        for (name, line, n) in command_bodies(&read(&p)) {
            count += 1;
            if n > MAX_COMMAND_LINES {
                long.push(format!("{name} ({}:{line}): {n} lines", rel(&p)));
            }
        }
    }
    assert!(count > 0, "no #[tauri::command] under src-tauri/src");
    let what = format!("Tauri command bodies over {MAX_COMMAND_LINES} non-blank lines");
    let fix = "move the work into one operation of `casebook::Session` (or a helper beside the \
               command) and call that";
    assert_none(&long, &what, fix);
}

/// The command names in every `tauri::generate_handler![a::b::name, ...]` of `src`.
fn registered_commands(src: &str) -> BTreeSet<String> {
    let code = lex(src).0;
    let mut out = BTreeSet::new();
    for (k, m) in code.match_indices("generate_handler![") {
        let list = &code[k + m.len()..];
        let list = &list[..list.find(']').unwrap_or(list.len())];
        let names = list.split(',').filter_map(|e| e.trim().rsplit("::").next());
        out.extend(names.filter(|n| !n.is_empty()).map(String::from));
    }
    out
}

/// The command names `ts` passes to `run("name", ...)` or `invoke` (maybe as `run<T[]>("name")`).
fn invoked_commands(ts: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (k, word) in ts.match_indices("run").chain(ts.match_indices("invoke")) {
        let mut rest = ts[k + word.len()..].trim_start();
        if rest.starts_with('<') {
            rest = rest.find(">(").map_or("", |j| &rest[j + 1..]);
        }
        let Some(rest) = rest.strip_prefix('(').map(str::trim_start) else {
            continue;
        };
        let quote = rest.chars().next().filter(|q| "\"'`".contains(*q));
        let name = quote.and_then(|q| rest[1..].find(q).map(|end| &rest[1..1 + end]));
        out.extend(name.filter(|_| !after_ident(ts, k)).map(String::from));
    }
    out
}

#[test]
fn every_registered_command_has_a_wrapper_in_the_ui_api() {
    let (main, index) = ("src-tauri/src/main.rs", "ui/src/lib/api/index.ts");
    let registered = registered_commands(&read(&root().join(main)));
    let invoked = invoked_commands(&read(&root().join(index)));
    assert!(!registered.is_empty(), "no generate_handler! in {main}");
    let unwrapped = registered.difference(&invoked);
    let unwrapped = unwrapped.map(|c| format!("{c}: no wrapper in {index}"));
    let unregistered = invoked.difference(&registered);
    let unregistered = unregistered.map(|c| format!("{c}: invoked but not registered in {main}"));
    let fix = format!(
        "give each registered command a wrapper in `api` in {index}, `run<T>(\"name\", {{...}})`; \
         add each invoked one as `commands::<screen>::name` to tauri::generate_handler! in {main}; \
         or drop the command or the wrapper"
    );
    let found: Vec<_> = unwrapped.chain(unregistered).collect();
    assert_none(&found, "commands and UI wrappers that don't match", &fix);
}

/// The lines of `cargo tree --prefix none` output that start with one of `banned`.
fn banned_lines(tree: &str, banned: &[&str]) -> Vec<String> {
    let lines = tree.lines().map(str::trim);
    let lines = lines.filter(|l| banned.iter().any(|b| l.starts_with(b)));
    let lines: BTreeSet<_> = lines.map(String::from).collect();
    lines.into_iter().collect()
}

#[test]
fn lower_crates_do_not_depend_on_front_end_crates() {
    let rules = [
        "casebook-domain: rusqlite libsqlite3-sys tauri clap typst",
        "casebook-store: tauri clap typst",
        "casebook: tauri clap typst",
        // The team server's PostgreSQL client is built only into the server.
        "casebook-cli: postgres tokio-postgres",
        "casebook-desktop: postgres tokio-postgres",
        "casebook-server: tauri",
        // The team server's client, shared by the CLI and the app: HTTP only.
        "casebook-client: postgres tokio-postgres tauri clap typst",
    ];
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let mut found = Vec::new();
    for (package, banned) in rules.map(|r| r.split_once(": ").unwrap()) {
        // `cargo tree` takes no build lock, so it runs inside `cargo test`. It resolves features
        // for the selected package alone, as building that package alone does.
        let args = format!("tree -p {package} -e normal --prefix none --offline");
        let mut tree = Command::new(&cargo);
        let out = tree.args(args.split(' ')).current_dir(root()).output();
        let out = out.expect("cargo runs");
        let tree = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        let ok = out.status.success() && tree.starts_with(package);
        assert!(ok, "`cargo {args}` failed:\n{err}{tree}");
        let banned: Vec<_> = banned.split(' ').collect();
        let lines = banned_lines(&tree, &banned).into_iter();
        found.extend(lines.map(|l| format!("{package} depends on {l}")));
    }
    let fix = "move the code that needs it up to a crate allowed it; `cargo tree -p <crate> -e \
               normal -i <dependency>` shows the path";
    assert_none(&found, "lower crates that depend on front-end crates", fix);
}

/// Each check, shown to catch a violation.
mod checks {
    use super::*;

    #[test]
    fn module_cycles_are_found() {
        let mut g = Graph::new();
        for e in ["a b", "b c", "c a", "c d", "e d", "e f", "f e"] {
            let (a, b) = e.split_once(' ').unwrap();
            g.entry(a.into()).or_default().insert(b.into());
        }
        let found: Vec<_> = cycles(&g).iter().map(|c| c.join(" ")).collect();
        assert_eq!(found, ["a b c a", "e f e"]);
        g.remove("c");
        g.remove("f");
        assert!(cycles(&g).is_empty());

        let src = "//! [`crate::doc`]\nuse crate::{\n    a,\n    b::{c, d::e},\n    f::G,\n};\n\
                   /// [crate::link]\nfn x() { crate::h::i(); \"crate::s\"; /* crate::k */ }\n\
                   pub(crate) fn y() { $crate::m(); }\n#[cfg(test)]\nmod tests { use crate::t; }";
        let refs = crate_refs(&without_tests(&lex(src).0));
        let refs: Vec<_> = refs.iter().map(|(n, l)| format!("{n}:{l}")).collect();
        assert_eq!(refs, ["a:3", "b:4", "f:5", "h:8"]);

        let a = "a a.rs use crate::{b, a::x, Error};";
        let b = "b b/c.rs // crate::a\nuse crate::a;";
        let files = [a, b].map(|f| f.splitn(3, ' ').map(String::from).collect::<Vec<_>>());
        let files = files.map(|f| (f[0].clone(), f[1].clone(), f[2].clone()));
        let edges = module_edges(&files).into_iter();
        let edges = edges.map(|((a, b), at)| format!("{a} {b} {}", at.join(",")));
        assert_eq!(edges.collect::<Vec<_>>(), ["a b a.rs:1", "b a b/c.rs:2"]);
    }

    #[test]
    fn the_lexer_keeps_lines_and_tells_char_literals_from_lifetimes() {
        let src = "fn f<'a>(x: &'a str) -> char { '{' }\nlet r = br#\"SELECT \"x\" {\"#;\n\
                   let q = '\\'';\nlet e = \"a\\\"}\";\nlet r#type = 1; // }\n";
        let (code, found) = lex(src);
        assert_eq!(code.lines().count(), src.lines().count());
        assert_eq!(code.matches('{').count(), code.matches('}').count());
        assert!(code.contains("fn f<'a>(x: &'a str)") && code.contains("let r#type = 1;"));
        let want = [(2, "SELECT \"x\" {"), (4, "a\\\"}")].map(|(l, s)| (l, s.to_string()));
        assert_eq!(found, want);
    }

    #[test]
    fn sql_and_reindexing_are_found_but_english_is_not() {
        let src = "fn f() {\n    (\"Select a case\", \"UPDATE the record, then SELECT\");\n    \
                   \"\n    UPDATE cases SET summary = ?1\";\n    // \"DELETE FROM cases\"\n    \
                   r#\"SELECT id FROM cases\"#;\n    search::reindex_case(tx, 1);\n}";
        let want = [
            "x.rs:3: `UPDATE … SET` in \"UPDATE cases SET summary = ?1\"",
            "x.rs:6: `SELECT ` in \"SELECT id FROM cases\"",
        ];
        assert_eq!(sql_literals("x.rs", src), want);
        let found = mentions("x.rs", src, &["reindex_case", "reindex_touched"]);
        assert_eq!(found, ["x.rs:7: search::reindex_case(tx, 1);"]);
    }

    #[test]
    fn long_files_and_long_commands_are_found() {
        let long = ("long.rs".to_string(), "x\n".repeat(601));
        let files = [long, ("ok.rs".to_string(), "x\n".repeat(600))];
        assert_eq!(long_files(&files, &[]), ["long.rs: 601 lines"]);
        assert!(long_files(&files, &[("long.rs", "a data table")]).is_empty());
        let stale = long_files(&files, &[("ok.rs", "a data table")]);
        assert_eq!(stale.len(), 2, "{stale:?}");

        let src = "#[tauri::command(async)]\npub fn short(\n    s: State<'_, AppState>,\n\
                   ) -> R<()> {\n    // a comment\n\n    Ok(s.x(\"}\")?)\n}\nfn helper() { a(); }\n\
                   #[tauri::command]\npub fn long(s: S) -> R<()> {\n    a();\n    if b {\n        \
                   c('{');\n    }\n    d();\n    e();\n}";
        let found = command_bodies(src);
        let want = [("short", 2, 1), ("long", 11, 6)].map(|(n, l, c)| (n.to_string(), l, c));
        assert_eq!(found, want);
    }

    #[test]
    fn commands_wrappers_and_dependencies_are_read() {
        let main = "tauri::generate_handler![\n    a::one,\n    // a::gone,\n    b::two,\n]";
        let registered = registered_commands(main);
        assert_eq!(registered, BTreeSet::from(["one", "two"].map(String::from)));
        let ts = "import { invoke } from \"x\";\nlet call: Invoke = invoke;\nconst api = {\n  \
                  one: () => run<A | null>(\"one\"),\n  three: (x: string) =>\n    \
                  run<Record<string, (y: B) => C>>(\n      \"three\", { x }),\n  \
                  four: () => invoke('four'),\n  rerun: () => rerun(\"no\"),\n};";
        let invoked = invoked_commands(ts);
        let want = BTreeSet::from(["one", "three", "four"].map(String::from));
        assert_eq!(invoked, want);
        assert_eq!(registered.difference(&invoked).collect::<Vec<_>>(), ["two"]);

        let tree = "casebook-domain v0.1.0 (/x)\nrusqlite v0.4.0\nserde v1.0.0\ntauri-utils v2.0.0";
        let found = banned_lines(tree, &["rusqlite", "tauri"]);
        assert_eq!(found, ["rusqlite v0.4.0", "tauri-utils v2.0.0"]);
        assert!(banned_lines(tree, &["clap"]).is_empty());
    }
}

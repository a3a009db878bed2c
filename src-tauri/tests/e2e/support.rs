//! Launching the app under WebKitWebDriver with its own database, and waiting for the UI.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use casebook::officer::{self, Via};
use casebook::{Db, Key as DbKey, Passphrase, Stamp};
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;

/// One app at a time: two WebKit sessions at once would only compete for the machine's 2 cores.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const APP: &str = env!("CARGO_BIN_EXE_casebook-desktop");
const WAIT: Duration = Duration::from_secs(30);

/// The passphrase of every test database (typed into the unlock screen by [`App::launch`]).
pub const PASSPHRASE: &str = "copper lantern orchard mosaic";
/// The officer the tests work as (CASEBOOK_ACTOR): the first officer of every test database.
pub const OFFICER: &str = "E2E Officer";

fn key() -> DbKey {
    DbKey::Passphrase(Passphrase::new(PASSPHRASE).unwrap())
}

/// A database in a temp dir, prepared through the core before the app opens it.
pub struct Data {
    pub dir: tempfile::TempDir,
}

impl Data {
    pub fn new(fill: impl FnOnce(&mut Db, &Stamp) -> casebook::Result<()>) -> Data {
        let dir = tempfile::tempdir().unwrap();
        let data = Data { dir };
        let mut db = data.db();
        let stamp = stamp(&db);
        fill(&mut db, &stamp).unwrap();
        data
    }

    /// A temp dir with no database yet: the app's first run.
    pub fn none() -> Data {
        Data {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("casebook.sqlite3")
    }

    pub fn db(&self) -> Db {
        let opener = Stamp::new(OFFICER, chrono::Utc::now());
        Db::open(&self.path(), &key(), &opener).unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db().conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

/// Adds a councillor of Kingsmere City Council to the register; returns their number.
pub fn councillor(
    tx: &casebook::Transaction<'_>,
    stamp: &Stamp,
    name: &str,
) -> casebook::Result<i64> {
    let new = casebook::councillor::NewCouncillor {
        name: name.into(),
        council: "Kingsmere City Council".into(),
        ..Default::default()
    };
    Ok(casebook::councillor::add(tx, stamp, &new)?.id)
}

/// Logs a complaint about councillor `id`, received on `received_on`; returns its reference.
pub fn complaint(
    tx: &casebook::Transaction<'_>,
    stamp: &Stamp,
    id: i64,
    received_on: chrono::NaiveDate,
    summary: &str,
) -> casebook::Result<String> {
    let new = casebook::case::NewCase {
        received_on,
        channel: "email".into(),
        complainant_name: "Harriet Osei".into(),
        complainant_type: "public".into(),
        councillor_id: id,
        platform: "X".into(),
        summary: summary.into(),
        reference: None,
        complainant_contact: None,
        confidentiality_requested: false,
        confidentiality_reason: None,
        post_url: None,
        posted_at: None,
    };
    Ok(casebook::case::create(tx, stamp, &new, None)?.reference)
}

/// Starts the app on `db` without WebDriver, returns the first line it writes to stderr (within
/// 30 s), and stops it. For start-ups that must refuse and say why.
pub fn first_complaint_from_app(db: &Path, config_dir: &Path) -> String {
    let mut app = Command::new(APP)
        .args(["--db", &db.to_string_lossy()])
        .env("XDG_CONFIG_HOME", config_dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = app.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead as _;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let said = rx.recv_timeout(WAIT);
    let _ = app.kill();
    let _ = app.wait();
    said.expect("the app says why it stops")
}

fn stamp(db: &Db) -> Stamp {
    officer::resolve(db.conn(), OFFICER)
        .unwrap()
        .stamp(Via::Cli, chrono::Utc::now())
}

pub struct App {
    pub driver: WebDriver,
    webdriver: Child,
    /// Held by the first window of a test; a second window (two officers at once) rides on it.
    _turn: Option<tokio::sync::MutexGuard<'static, ()>>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl App {
    /// Starts the app on `data` and unlocks it with the test passphrase, as the test officer.
    pub async fn launch(data: &Data) -> App {
        App::launch_with_env(data, &[]).await
    }

    /// [`App::launch`] with more environment variables for the app.
    pub async fn launch_with_env(data: &Data, env: &[(&str, &str)]) -> App {
        let app = App::start(data, &[], true, env).await;
        app.wait_for_text("h1", "Casebook is locked").await;
        app.fill("passphrase", PASSPHRASE).await;
        app.button("Unlock").await.click().await.unwrap();
        app.wait_for_count("nav[aria-label='Main']", 1).await;
        app
    }

    /// Starts the app on `data` (with `extra` arguments) and leaves it at its lock screen. With
    /// `as_officer`, CASEBOOK_ACTOR names the test officer; without, the app asks who is working.
    pub async fn launch_locked(data: &Data, extra: &[&str], as_officer: bool) -> App {
        App::start(data, extra, as_officer, &[]).await
    }

    async fn start(data: &Data, extra: &[&str], as_officer: bool, env: &[(&str, &str)]) -> App {
        let turn = ONE_AT_A_TIME.lock().await;
        App::start_in(data, extra, as_officer, env, None, Some(turn)).await
    }

    /// Starts the app on `data` at its lock screen to connect to a team server, in a session
    /// keyring of its own named `keyring` (as each officer's computer has its own login session;
    /// `keyctl`, from Debian's keyutils), where the app keeps its session on the server. The
    /// second window of a test passes `second` and rides on the first's turn.
    pub async fn launch_for_team(
        data: &Data,
        keyring: &str,
        second: bool,
        env: &[(&str, &str)],
    ) -> App {
        let turn = if second {
            None
        } else {
            Some(ONE_AT_A_TIME.lock().await)
        };
        App::start_in(data, &[], true, env, Some(keyring), turn).await
    }

    async fn start_in(
        data: &Data,
        extra: &[&str],
        as_officer: bool,
        env: &[(&str, &str)],
        keyring: Option<&str>,
        turn: Option<tokio::sync::MutexGuard<'static, ()>>,
    ) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "end-to-end tests need a display: run them with scripts/test.sh (which uses xvfb-run)"
        );
        // A window closed a moment ago may still be exiting and holding the database's lock.
        let lock_path = PathBuf::from(format!("{}.lock", data.path().display()));
        let start = Instant::now();
        while let Ok(f) = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
        {
            if f.try_lock().is_ok() {
                break;
            }
            assert!(
                start.elapsed() < WAIT,
                "the last window on this database never closed"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let port = free_port();
        let mut webdriver = match keyring {
            Some(name) => {
                let mut c = Command::new("keyctl");
                c.args(["session", name, "WebKitWebDriver"]);
                c
            }
            None => Command::new("WebKitWebDriver"),
        };
        webdriver.envs(env.iter().copied());
        if as_officer {
            webdriver.env("CASEBOOK_ACTOR", OFFICER);
        } else {
            webdriver.env_remove("CASEBOOK_ACTOR");
        }
        let webdriver = webdriver
            .arg(format!("--port={port}"))
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .env("XDG_DATA_HOME", data.dir.path())
            .env("XDG_CONFIG_HOME", data.dir.path())
            // Saved papers go here: the tests cannot drive the system's save dialog.
            .env("CASEBOOK_SAVE_DIR", data.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "WebKitWebDriver (Debian package webkit2gtk-driver; scripts/setup.sh installs it)",
            );
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < WAIT,
                "WebKitWebDriver did not start listening on {port}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let db = data.path().to_string_lossy().into_owned();
        let args: Vec<&str> = [["--db", db.as_str()].as_slice(), extra].concat();
        let mut caps = Capabilities::new();
        caps.set(
            "webkitgtk:browserOptions",
            serde_json::json!({
                "binary": APP,
                "args": args,
            }),
        )
        .unwrap();
        let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
            .await
            .expect("a WebDriver session with the app");
        App {
            driver,
            webdriver,
            _turn: turn,
        }
    }

    /// Waits until exactly `n` elements match `css`, and returns them.
    pub async fn wait_for_count(&self, css: &str, n: usize) -> Vec<WebElement> {
        let start = Instant::now();
        loop {
            let found = self.driver.find_all(By::Css(css)).await.unwrap();
            if found.len() == n {
                return found;
            }
            if start.elapsed() > WAIT {
                let body = self
                    .driver
                    .find(By::Css("body"))
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap_or_default();
                panic!(
                    "expected {n} × '{css}', found {}; the page says:\n{body}",
                    found.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// On the Cases screen: waits until the list says it holds `total` cases and its first rows
    /// are drawn; returns the rows in the DOM (the list draws only those on screen).
    pub async fn case_rows(&self, total: usize) -> Vec<WebElement> {
        // As the screen writes it: 3,000 cases.
        let digits = total.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let words = format!("{grouped} case{}", if total == 1 { "" } else { "s" });
        self.wait_for_text("#f-count", &words).await;
        let start = Instant::now();
        loop {
            let found = self
                .driver
                .find_all(By::Css("tbody tr[data-reference]"))
                .await
                .unwrap();
            if !found.is_empty() || total == 0 {
                assert!(
                    found.len() <= total,
                    "{} rows for {total} cases",
                    found.len()
                );
                return found;
            }
            assert!(start.elapsed() < WAIT, "no case rows drawn for {words}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// All the text in `e`, including what a cell cuts short with an ellipsis (WebDriver's text
    /// leaves out some cut-short cells).
    pub async fn content(&self, e: &WebElement) -> String {
        let found = self
            .driver
            .execute(
                "return arguments[0].textContent;",
                vec![e.to_json().unwrap()],
            )
            .await
            .unwrap();
        found.json().as_str().unwrap_or_default().to_string()
    }

    /// On case `reference`'s view: adds the file at `path` (named `name`) as evidence.
    pub async fn add_evidence_file(&self, reference: &str, path: &Path, name: &str) {
        self.find(By::XPath(
            "//summary[normalize-space()='Add evidence to this case']",
        ))
        .await
        .click()
        .await
        .unwrap();
        self.wait_for_count("#e-files", 1).await[0]
            .send_keys(path.to_string_lossy())
            .await
            .unwrap();
        self.wait_for_text(".add-evidence .files li", name).await;
        self.button(&format!("Add to {reference}"))
            .await
            .click()
            .await
            .unwrap();
    }

    /// Goes to the Cases screen and opens case `reference` from the list (the first rows).
    pub async fn open_listed(&self, reference: &str) {
        self.button("Cases").await.click().await.unwrap();
        self.open_row(reference).await;
    }

    /// On the Cases screen: finds case `reference` by searching for it and opens it.
    pub async fn open_case(&self, reference: &str) {
        self.fill("f-words", reference).await;
        self.wait_for_text("#f-count", "1 case match").await;
        self.open_row(reference).await;
    }

    /// Opens case `reference` from its row of the case list on screen.
    async fn open_row(&self, reference: &str) {
        self.find(By::Css(format!(
            "tr[data-reference='{reference}'] button.link"
        )))
        .await
        .click()
        .await
        .unwrap();
        self.wait_for_text("h1", reference).await;
    }

    /// Waits for an element matching `css` whose text contains `text` (ignoring case).
    pub async fn wait_for_text(&self, css: &str, text: &str) -> WebElement {
        let start = Instant::now();
        let want = text.to_lowercase();
        loop {
            for e in self.driver.find_all(By::Css(css)).await.unwrap() {
                if e.text()
                    .await
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains(&want)
                {
                    return e;
                }
            }
            if start.elapsed() > WAIT {
                panic!(
                    "no '{css}' says '{text}'; the page says:\n{}",
                    self.page_text().await
                );
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    pub async fn page_text(&self) -> String {
        match self.driver.find(By::Css("body")).await {
            Ok(b) => b.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// The first element `by` finds, waiting for the screen to show it: screens load their parts
    /// asynchronously, so a lookup that does not wait races the page.
    pub async fn find(&self, by: By) -> WebElement {
        let start = Instant::now();
        loop {
            if let Ok(e) = self.driver.find(by.clone()).await {
                return e;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "nothing matches {by:?}; the page says:\n{}",
                    self.page_text().await
                );
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// The button labelled `label`, waiting (as the other lookups do) for the screen to show it.
    pub async fn button(&self, label: &str) -> WebElement {
        self.find(By::XPath(format!("//button[normalize-space()='{label}']")))
            .await
    }

    /// Replaces the text in the field with id `id`.
    pub async fn fill(&self, id: &str, value: &str) {
        let field = self.find(By::Id(id)).await;
        field.clear().await.unwrap();
        if value.is_empty() {
            // clear() fires no input event: type and delete a character so the form hears it.
            field.send_keys(" ").await.unwrap();
            field.send_keys(Key::Backspace).await.unwrap();
        } else {
            field.send_keys(value).await.unwrap();
        }
    }

    /// Picks the option with value `value` in the select with id `id`.
    pub async fn choose(&self, id: &str, value: &str) {
        let select = self.find(By::Id(id)).await;
        thirtyfour::components::SelectElement::new(&select)
            .await
            .unwrap()
            .select_by_value(value)
            .await
            .unwrap();
    }

    /// Runs axe-core (from the UI's npm packages) on the page and returns its serious and critical
    /// violations, each as "rule: target — help".
    pub async fn accessibility_problems(&self) -> Vec<String> {
        let axe =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&axe)
            .unwrap_or_else(|e| panic!("{}: {e} (scripts/setup.sh runs npm ci)", axe.display()));
        self.driver
            .execute(&format!("{source}\nreturn typeof axe;"), Vec::new())
            .await
            .unwrap();
        let found = self
            .driver
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(r => done(
                   r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' — ' + v.help))
                 ), e => done(['axe failed: ' + e]));",
                Vec::new(),
            )
            .await
            .unwrap();
        serde_json::from_value(found.json().clone()).unwrap()
    }

    /// Scrolls `element` to the middle of the window (before a screenshot of it).
    pub async fn centre(&self, element: &WebElement) {
        self.driver
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![element.to_json().unwrap()],
            )
            .await
            .unwrap();
    }

    /// Saves a screenshot after the next two frames have painted. The app draws without
    /// accelerated compositing, where WebKitGTK's snapshot waits for a paint that a still page
    /// never makes (2.50: it hangs on any page that fits the window): while it is taken, the page
    /// is nudged to repaint (its opacity moved between 1 and 0.999, which no pixel shows).
    pub async fn screenshot(&self, name: &str) {
        self.driver
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                Vec::new(),
            )
            .await
            .unwrap();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        self.driver
            .execute(
                "const s = document.documentElement.style;
                 window.__repaint = setInterval(() => { s.opacity = s.opacity ? '' : '0.999'; }, 40);",
                Vec::new(),
            )
            .await
            .unwrap();
        let shot = self
            .driver
            .screenshot(&dir.join(format!("{name}.png")))
            .await;
        self.driver
            .execute(
                "clearInterval(window.__repaint); document.documentElement.style.opacity = '';",
                Vec::new(),
            )
            .await
            .unwrap();
        shot.unwrap();
    }

    /// The app's processes started by this session's WebKitWebDriver.
    fn app_processes(&self) -> Vec<u32> {
        let me = self.webdriver.id();
        let app = std::fs::canonicalize(APP).unwrap_or_else(|_| PathBuf::from(APP));
        let Ok(dir) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
                let parent = stat
                    .rsplit_once(')')
                    .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<u32>().ok());
                parent == Some(me)
                    && std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app)
            })
            .collect()
    }

    /// Ends the session and makes sure the app has exited (so its database lock is free).
    pub async fn quit(mut self) {
        let apps = self.app_processes();
        let driver = self.driver.clone();
        driver.quit().await.unwrap();
        let start = Instant::now();
        while apps
            .iter()
            .any(|pid| Path::new(&format!("/proc/{pid}")).exists())
            && start.elapsed() < Duration::from_secs(10)
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        for pid in apps {
            if Path::new(&format!("/proc/{pid}")).exists() {
                // Still there after 10 s: the window closed but the process did not end.
                eprintln!("the app (pid {pid}) had not exited 10 s after its window closed");
                let _ = Command::new("kill")
                    .args(["-9", &pid.to_string()])
                    .stderr(Stdio::null())
                    .status();
            }
        }
        let _ = self.webdriver.kill();
        let _ = self.webdriver.wait();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.webdriver.kill();
    }
}

//! The live preview (`argraph serve`): the explorer page of a map, served on the loopback
//! address and kept live while an author edits the map's files.
//!
//! One thread accepts connections, one thread per connection answers it, and a file watcher
//! (notify, debounced) rebuilds the page whenever a `.ron` file of the map changes. The page
//! listens to `/events` (server-sent events): when the map is rebuilt it reloads itself, keeping
//! its address's fragment and so the reader's focus; while the map is invalid it shows the
//! diagnostics (file, line, column, message, snippet) over the last good view.
//!
//! Routes: `/` (the page), `/events`, `/status` (JSON: the version and the diagnostics, if
//! any). Anything else is 404: nothing of the file system is served.

mod http;

use crate::load::{LoadError, load};
use crate::page::{PageOptions, page};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// How long the watcher waits for a burst of file events to settle before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How often an idle event stream sends a comment, so a closed tab frees its thread.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What `serve` needs to know.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The map: one `.ron` file or a directory.
    pub map: PathBuf,
    /// The page's title.
    pub title: String,
}

/// The page as last built, and the map's problems if it is invalid now.
#[derive(Debug)]
struct Snapshot {
    /// Goes up by one at every rebuild.
    version: u64,
    /// The page of the last valid map (of an empty map until there is one).
    page: Arc<String>,
    /// The diagnostics of the map as it is now, when it is invalid.
    problems: Option<Arc<String>>,
}

/// The state shared by the watcher and the connections.
#[derive(Debug)]
struct Live {
    options: ServeOptions,
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
}

impl Live {
    fn lock(&self) -> MutexGuard<'_, Snapshot> {
        // A connection thread that panicked cannot leave the snapshot half-written: every
        // update replaces whole fields.
        self.snapshot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Loads the map again and publishes the result.
    fn rebuild(&self) {
        let version = self.lock().version + 1;
        let built = build(&self.options, version);
        let mut snapshot = self.lock();
        snapshot.version = version;
        match built {
            Ok(page) => {
                snapshot.page = Arc::new(page);
                snapshot.problems = None;
            }
            Err(problems) => snapshot.problems = Some(Arc::new(problems)),
        }
        drop(snapshot);
        self.changed.notify_all();
    }
}

/// The page of the map, or the rendered diagnostics that say why there is none.
fn build(options: &ServeOptions, version: u64) -> Result<String, String> {
    let page_options = |title: &str| PageOptions {
        title: title.to_owned(),
        live: Some(version),
        ..PageOptions::default()
    };
    match load(&options.map) {
        Ok(loaded) => page(&loaded.map, &page_options(&options.title)).map_err(|e| e.to_string()),
        Err(LoadError::Io { path, message }) => {
            Err(format!("cannot read `{}`: {message}", path.display()))
        }
        Err(LoadError::Invalid {
            files,
            errors,
            warnings,
        }) => {
            let mut all = errors;
            all.extend(warnings);
            Err(crate::diagnostic::render(&all, &files, false))
        }
    }
}

/// A bound live-preview server; [`Server::run`] serves it.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    live: Arc<Live>,
}

impl Server {
    /// Loads the map and binds `address` (port 0 picks a free port). A map that is invalid now
    /// is served all the same: the page shows its diagnostics until it is mended.
    pub fn bind(options: ServeOptions, address: SocketAddr) -> std::io::Result<Server> {
        let listener = TcpListener::bind(address)?;
        let empty = page(
            &crate::model::Map::default(),
            &PageOptions {
                title: options.title.clone(),
                live: Some(0),
                ..PageOptions::default()
            },
        )
        .map_err(std::io::Error::other)?;
        let live = Arc::new(Live {
            options,
            snapshot: Mutex::new(Snapshot {
                version: 0,
                page: Arc::new(empty),
                problems: None,
            }),
            changed: Condvar::new(),
        });
        live.rebuild();
        Ok(Server { listener, live })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The diagnostics of the map as loaded now, if it is invalid.
    pub fn problems(&self) -> Option<String> {
        self.live.lock().problems.as_ref().map(|p| p.to_string())
    }

    /// Watches the map's files and answers connections until the process ends.
    pub fn run(self) -> std::io::Result<()> {
        let _watcher = watch(&self.live)?;
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let live = Arc::clone(&self.live);
            // A connection that cannot get a thread is dropped, not the server.
            let _ = std::thread::Builder::new()
                .name("argraph-serve".into())
                .spawn(move || answer(&live, &stream));
        }
        Ok(())
    }
}

/// Starts watching the map's files; the returned watcher must be kept alive.
fn watch(
    live: &Arc<Live>,
) -> std::io::Result<
    notify_debouncer_mini::Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>,
> {
    use notify_debouncer_mini::notify::RecursiveMode;
    let map = live.options.map.clone();
    let is_file = map.is_file();
    // An editor saves by writing a new file and renaming it over the old one: a single-file map
    // is watched through its directory.
    let watched = if is_file {
        map.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    } else {
        map.clone()
    };
    let target = Arc::clone(live);
    let mut debouncer = notify_debouncer_mini::new_debouncer(
        DEBOUNCE,
        move |events: notify_debouncer_mini::DebounceEventResult| {
            let Ok(events) = events else { return };
            let relevant = events.iter().any(|event| {
                let path = &event.path;
                if is_file {
                    path.file_name() == map.file_name()
                } else {
                    path.extension().is_some_and(|e| e == "ron") || path.is_dir()
                }
            });
            if relevant {
                target.rebuild();
            }
        },
    )
    .map_err(std::io::Error::other)?;
    let mode = if is_file {
        RecursiveMode::NonRecursive
    } else {
        RecursiveMode::Recursive
    };
    debouncer
        .watcher()
        .watch(&watched, mode)
        .map_err(std::io::Error::other)?;
    Ok(debouncer)
}

/// Answers one connection.
fn answer(live: &Live, stream: &TcpStream) {
    let Some(request) = http::read_request(stream) else {
        return;
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let _ = http::respond(
            stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"only GET\n",
            false,
        );
        return;
    }
    match request.path.as_str() {
        "/" | "/index.html" => {
            let page = Arc::clone(&live.lock().page);
            let _ = http::respond(
                stream,
                "200 OK",
                "text/html; charset=utf-8",
                page.as_bytes(),
                head_only,
            );
        }
        "/status" => {
            let snapshot = live.lock();
            let body = serde_json::json!({
                "version": snapshot.version,
                "problems": snapshot.problems.as_deref(),
            })
            .to_string();
            drop(snapshot);
            let _ = http::respond(
                stream,
                "200 OK",
                "application/json",
                body.as_bytes(),
                head_only,
            );
        }
        "/events" if !head_only => events(live, stream),
        _ => {
            let _ = http::respond(
                stream,
                "404 Not Found",
                "text/plain; charset=utf-8",
                b"not found: argraph serve answers / and /events only\n",
                head_only,
            );
        }
    }
}

/// Streams the map's state: `valid` (data: the version) or `invalid` (data: the diagnostics),
/// now and after every rebuild, until the reader goes away.
fn events(live: &Live, stream: &TcpStream) {
    if http::start_events(stream).is_err() {
        return;
    }
    let mut seen = None;
    loop {
        let (version, problems) = {
            let mut snapshot = live.lock();
            while seen == Some(snapshot.version) {
                let (next, timeout) = live
                    .changed
                    .wait_timeout(snapshot, KEEP_ALIVE)
                    .unwrap_or_else(PoisonError::into_inner);
                snapshot = next;
                if timeout.timed_out() && seen == Some(snapshot.version) {
                    drop(snapshot);
                    if http::send_event(stream, "ping", "").is_err() {
                        return;
                    }
                    snapshot = live.lock();
                }
            }
            (snapshot.version, snapshot.problems.clone())
        };
        seen = Some(version);
        let sent = match problems {
            Some(problems) => http::send_event(stream, "invalid", &problems),
            None => http::send_event(stream, "valid", &version.to_string()),
        };
        if sent.is_err() {
            return;
        }
    }
}

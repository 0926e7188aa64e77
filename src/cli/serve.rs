//! `argraph serve`: the explorer page of a map on the loopback address, kept live while the
//! map's files are edited.

use super::{Context, Failure, Outcome};
use argraph::serve::{ServeOptions, Server};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

/// Arguments of `argraph serve`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  argraph serve graphs/tiktok-wechat
  argraph serve graphs/tiktok-wechat --port 8080 --open

Edit the map's files beside the page: at every save the page follows (it keeps the claim in
view); while the map is invalid it shows the errors over the last good view. Only this machine
can connect unless --host says otherwise. Ctrl-C stops it. See docs/explorer.md.

Exit codes: 0 stopped, 2 usage error (a port in use, a path that cannot be read).")]
pub(crate) struct Args {
    /// A map: one .ron file, or a directory of them.
    map: PathBuf,
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8321)]
    port: u16,
    /// The address to listen on. Anything but the loopback address lets other machines read the
    /// map.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,
    /// Open the page in the system's browser.
    #[arg(long)]
    open: bool,
}

pub(crate) fn run(args: Args, _context: &Context) -> Result<Outcome, Failure> {
    if !args.map.exists() {
        return Err(Failure::Usage(format!(
            "cannot read `{}`: no such file or directory",
            args.map.display()
        )));
    }
    let options = ServeOptions {
        map: args.map.clone(),
        title: super::output::map_name(&args.map),
    };
    let server = Server::bind(options, SocketAddr::new(args.host, args.port)).map_err(|error| {
        Failure::Usage(format!(
            "cannot listen on {}:{}: {error}{}",
            args.host,
            args.port,
            if error.kind() == std::io::ErrorKind::AddrInUse {
                " (another program uses that port: pick another with --port, or --port 0 for any)"
            } else {
                ""
            }
        ))
    })?;
    let address = server
        .local_addr()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let url = format!("http://{address}/");
    if let Some(problems) = server.problems() {
        eprint!("{problems}");
        eprintln!("the map is invalid: the page shows these errors until it is mended");
    }
    println!("Serving {} at {url} (Ctrl-C stops)", args.map.display());
    ctrlc::set_handler(|| {
        eprintln!("stopped");
        std::process::exit(0);
    })
    .map_err(|error| Failure::Usage(format!("cannot handle Ctrl-C: {error}")))?;
    if args.open {
        open_browser(&url);
    }
    server
        .run()
        .map_err(|error| Failure::Usage(format!("cannot serve: {error}")))?;
    Ok(Outcome::Success)
}

/// Asks the system to open `url` in its browser; says so when it cannot.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("cannot open a browser ({opener}): open {url} yourself");
    }
}

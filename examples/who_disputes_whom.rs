//! Who disputes whom in a debate, through the library API.
//!
//! ```sh
//! cargo run --example who_disputes_whom -- graphs/tiktok-wechat
//! cargo run --example who_disputes_whom -- graphs/tiktok-wechat --no-rollup
//! ```
//!
//! With rollup (the default here), officials count under their government and apps under their
//! company, so the answer reads "the Chinese government disputes the U.S. government". Each row
//! names one claim pair behind it, as an example.

use argraph::query::links::disputes;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "graphs/tiktok-wechat".to_owned());
    let rollup = args.next().as_deref() != Some("--no-rollup");
    let loaded = match argraph::load::load(std::path::Path::new(&path)) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("error: cannot load `{path}`: {error}");
            return ExitCode::from(1);
        }
    };
    let map = &loaded.map;
    let rows = disputes(map, None, rollup);
    if rows.is_empty() {
        println!("Nobody disputes anybody in {path}.");
    }
    for row in &rows {
        let from = &map.actor(row.from).name;
        let to = &map.actor(row.to).name;
        let times = if row.count() == 1 { "time" } else { "times" };
        println!("{from} disputes {to} ({} {times})", row.count());
        if let Some(first) = row.evidence.first() {
            let claim = map.claim(first.from_claim);
            let answered = map.claim(first.to_claim);
            println!("    e.g. {:?}", claim.text);
            println!("    against {:?}", answered.text);
        }
    }
    ExitCode::SUCCESS
}

//! Load a map through the library API and list the claims of one actor, with what each claim
//! supports and rebuts.
//!
//! ```text
//! cargo run --example actor_claims -- graphs/tiktok-wechat pompeo
//! ```

use argraph::model::{RelationKind, Target};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let map_path = PathBuf::from(args.next().unwrap_or_else(|| "graphs/tiktok-wechat".into()));
    let actor_id = args.next().unwrap_or_else(|| "pompeo".into());

    let loaded = match argraph::load::load(&map_path) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(1);
        }
    };
    let map = &loaded.map;
    let Some(actor) = map.actor_ix(&actor_id) else {
        let hint = argraph::suggest::closest(&actor_id, map.actors.keys().map(String::as_str))
            .map(|best| format!("; did you mean `{best}`?"))
            .unwrap_or_default();
        eprintln!("no actor `{actor_id}`{hint}");
        return ExitCode::from(1);
    };

    println!("Claims of {}:", map.actor(actor).name);
    for claim_ix in map.claim_indices().filter(|&c| map.claim(c).actor == actor) {
        let claim = map.claim(claim_ix);
        println!("- {} [{}]", claim.text, claim.id);
        for relation in map.relations.iter().filter(|r| r.from == claim_ix) {
            let Target::Claim(target) = relation.target else {
                continue;
            };
            let verb = match relation.kind {
                RelationKind::Supports => "supports",
                RelationKind::Rebuts => "rebuts",
                RelationKind::Undercuts => continue,
            };
            let target = map.claim(target);
            println!(
                "    {verb} {} ({})",
                target.text,
                map.actor(target.actor).name
            );
        }
    }
    ExitCode::SUCCESS
}

//! Choosing and loading the named-entity model for a run.

use anyhow::Result;

use claimx::entities::EntityTagger;

use super::args::NerArgs;

/// The tagger for this run, or none with `--no-ner` or when the binary was built without
/// the `ner` feature.
#[cfg(not(feature = "ner"))]
pub fn load(args: &NerArgs) -> Result<Option<Box<dyn EntityTagger>>> {
    if args.no_ner {
        return Ok(None);
    }
    if let Some(dir) = &args.ner_model {
        anyhow::bail!(
            "--ner-model {}: this claimx was built without the `ner` feature; rebuild with `cargo build --release --features ner`",
            dir.display()
        );
    }
    Ok(None)
}

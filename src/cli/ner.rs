//! Choosing and loading the named-entity model for a run.

use anyhow::Result;

use claimx::entities::EntityTagger;

use super::args::NerArgs;

/// The tagger for this run: `--ner-model DIR`, else the shipped model; none with `--no-ner`.
/// It tags on `workers` threads (`--jobs`, else one per core), chosen here and not by the
/// environment, so that a run under a cluster engine's empty environment behaves the same.
#[cfg(feature = "ner")]
pub fn load(args: &NerArgs, workers: Option<usize>) -> Result<Option<Box<dyn EntityTagger>>> {
    use claimx::entities::bert::{default_model_dir, Precision};
    use claimx::entities::workers::TaggingWorkers;
    let roles = args.mode().uses_model();
    if args.no_ner {
        anyhow::ensure!(
            !roles,
            "--attribution {} needs the NER model's attribution head: drop --no-ner, or use \
             --attribution rules",
            args.attribution
        );
        return Ok(None);
    }
    let dir = args.ner_model.clone().unwrap_or_else(default_model_dir);
    let workers = workers.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let precision = match &args.ner_precision {
        Some(name) => name.parse().map_err(anyhow::Error::msg)?,
        None => Precision::best_for(&dir),
    };
    Ok(Some(Box::new(TaggingWorkers::load(
        &dir, workers, precision, roles,
    )?)))
}

/// Without the `ner` feature there is no model to load: `--ner-model`, `--ner-precision`
/// and an `--attribution` mode that needs the model's head are errors.
#[cfg(not(feature = "ner"))]
pub fn load(args: &NerArgs, _workers: Option<usize>) -> Result<Option<Box<dyn EntityTagger>>> {
    let asked = match (&args.ner_model, &args.ner_precision) {
        (Some(dir), _) => Some(format!("--ner-model {}", dir.display())),
        (None, Some(precision)) => Some(format!("--ner-precision {precision}")),
        (None, None) => None,
    };
    let asked = asked.or_else(|| {
        let mode = args.mode();
        mode.uses_model()
            .then(|| format!("--attribution {}", args.attribution))
    });
    if let Some(asked) = asked {
        anyhow::bail!(
            "{asked}: this claimx was built without the `ner` feature; \
             build it with the default features (see README.md)"
        );
    }
    Ok(None)
}

/// The tagger for a command that is about entities, where running without one makes no sense.
pub fn require(args: &NerArgs) -> Result<Box<dyn EntityTagger>> {
    load(args, None)?.ok_or_else(|| {
        anyhow::anyhow!(
            "this command needs the NER model: drop --no-ner, or build claimx with the \
             default features (the `ner` feature; see README.md)"
        )
    })
}

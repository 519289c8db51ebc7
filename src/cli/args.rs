//! The command line, defined once with clap's derive API.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

use claimx::corpus::DEFAULT_MAX_BYTES;
use claimx::pipeline::BATCH_ARTICLES;
use claimx::service::{DEFAULT_ADDR, DEFAULT_DEADLINE, DEFAULT_MAX_IN_FLIGHT};

/// Who said what: claim records from plain-text news articles.
#[derive(Debug, Parser)]
#[command(name = "claimx", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract claim records from articles, one JSON object a line.
    #[command(after_long_help = EXIT_CODES)]
    Extract(ExtractArgs),
    /// Print the sentences of one article as JSON Lines ({"start","end","paragraph","text"}).
    Sentences {
        /// The article, or `-` for text on standard input.
        #[arg(default_value = "-")]
        file: PathBuf,
    },
    /// Show an article with each claim's speaker, cue and content marked, then a table of claims.
    #[command(long_about = SHOW_ABOUT)]
    Show {
        /// The article.
        file: PathBuf,
        /// Whole contents, speakers and cues in the table (wrapped in their column on a
        /// terminal) instead of cut to fit.
        #[arg(long)]
        full: bool,
        /// Wrap lines at N columns (default: the terminal's width; piped: no wrapping; 0: none).
        #[arg(long, value_name = "N")]
        width: Option<usize>,
        /// Colours instead of brackets: auto (on a terminal, unless TERM=dumb or NO_COLOR is
        /// set), always or never.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// The named-entity model.
        #[command(flatten)]
        ner: NerArgs,
    },
    /// Print the named entities of each sentence of one article as JSON Lines.
    Entities {
        /// The article, or `-` for text on standard input.
        #[arg(default_value = "-")]
        file: PathBuf,
        /// The named-entity model.
        #[command(flatten)]
        ner: NerArgs,
    },
    /// Score the NER model against tags in the polnear-ner format: precision, recall, F1 per type.
    EvalNer {
        /// The gold tags: JSON Lines {"article", "tokens", "offsets", "ner"}.
        #[arg(value_name = "GOLD.jsonl")]
        gold: PathBuf,
        /// The folder of the articles' texts (default: polnear/<split>/text beside the gold's folder).
        #[arg(long, value_name = "DIR")]
        texts: Option<PathBuf>,
        /// Print the scores as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// The named-entity model.
        #[command(flatten)]
        ner: NerArgs,
    },
    /// Print the JSON Schema (draft 2020-12) of a claim record.
    Schema,
    /// Serve extraction over HTTP: POST /v1/extract, GET /healthz, GET /v1/schema.
    Serve(ServeArgs),
    /// Score claims against brat attributions in the PolNeAR layout (DIR/text, DIR/attributions).
    Eval {
        /// The gold folder, holding `text/` and `attributions/`.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Claim records to score; without it, claims are extracted from DIR/text on the fly.
        #[arg(value_name = "PRED.jsonl")]
        predictions: Option<PathBuf>,
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Add each rule's claims, precision and mean confidence to the table.
        #[arg(long)]
        by_rule: bool,
        /// Write the confidence table these claims fit (counts by rule, kind and speaker
        /// resolution) to FILE: how src/attribution/confidence.tsv is made, on PolNeAR train.
        #[arg(long, value_name = "FILE")]
        fit_confidence: Option<PathBuf>,
        /// With --fit-confidence, cross-fit the table on n model folders: article i of the
        /// gold (in stem order) is extracted with the (i mod n)-th, whose attribution head
        /// was trained without those articles (`scripts/train-roles.sh DIR --fold k/n`).
        #[arg(long, value_name = "MODEL_DIR", requires = "fit_confidence")]
        cross_fit: Vec<PathBuf>,
        /// The named-entity model, when claims are extracted on the fly.
        #[command(flatten)]
        ner: NerArgs,
    },
}

/// `claimx show --help`: what the marks mean.
const SHOW_ABOUT: &str = r"Show an article with each claim's speaker, cue and content marked, then a table of claims.

A legend line comes first. In colour, contents are green (cyan inside another claim's content), speakers bold blue, cues bold yellow, and a dim ⟨n⟩ starts each part of claim n's content. In plain text (piped, TERM=dumb, NO_COLOR, --color never): {n ...} is a part of claim n's content, [Sn ...] its speaker, [Cn ...] its cue, with all the claims that share a span ([S6,7 Russia]); marks always nest, and the article's own \ [ ] { } are written \\ \[ \] \{ \}, so removing the marks and the escapes gives the article back exactly.

Lines wrap at word boundaries to the terminal's width; piped output is not wrapped unless --width is given. The table's columns are as wide as their widest cell; speakers, cues and contents are cut with an ellipsis to fit, unless --full.";

/// The most worker threads `--jobs` takes: far above any core count claimx runs on, far below
/// the thousands of threads a typo would start.
const MAX_JOBS: i64 = 256;

/// Exit codes, shown by `claimx extract --help`.
const EXIT_CODES: &str = "Exit codes:\n  0  every article was processed (or only articles failed, with --keep-going)\n  1  usage error, unreadable input root, or an I/O error writing the output\n  2  some articles failed (each is reported on standard error); the others were written";

/// Arguments of `claimx extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, folders (walked recursively), or `-` for JSON Lines {"id": ..., "text": ...}
    /// (and optionally "url", "date") on standard input ("bytes": the article's bytes in
    /// base64, in place of "text", to have them checked as a file's).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write records to FILE (created when complete) instead of standard output; `-` is standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The shape of the output: claim records as JSON Lines, schema.org Claims in JSON-LD
    /// (one a line), or CSV with a header row.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Worker threads for the rule stages (default: one per core; at most 256).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS))]
    pub jobs: Option<u16>,
    /// Which files of a folder to read, matched against the path relative to it.
    #[arg(long, value_name = "GLOB", default_value = "*.txt")]
    pub glob: String,
    /// Skip (and report) articles larger than N bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// When to draw the progress bar on standard error.
    #[arg(long, value_enum, default_value_t = ProgressMode::Auto)]
    pub progress: ProgressMode,
    /// With `--progress always` and standard error not a terminal: write a progress line at
    /// most every SECONDS (0: one a finished article).
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub progress_interval: u64,
    /// Exit 0 even when some articles failed (for cluster pipes that abort on a nonzero exit).
    #[arg(long)]
    pub keep_going: bool,
    /// Keep per-article warnings (unclosed quotes, repeated ids) off standard error; errors
    /// and the summary line are still printed.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print where the time went (model load, input, each stage, output) on standard error
    /// at the end.
    #[arg(long)]
    pub timings: bool,
    /// The named-entity model.
    #[command(flatten)]
    pub ner: NerArgs,
}

/// Arguments of `claimx serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen, as HOST:PORT; port 0 takes a free port (the bound address is printed
    /// on standard error as `claimx: serve: listening on http://HOST:PORT`).
    #[arg(long, value_name = "HOST:PORT", default_value = DEFAULT_ADDR)]
    pub addr: String,
    /// Worker threads for the rule stages and NER workers (default: one per core; at most 256).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_JOBS))]
    pub jobs: Option<u16>,
    /// Refuse (413) articles whose text is larger than N bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Refuse (413) request bodies larger than N bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES as usize)]
    pub max_body: usize,
    /// Answer every request within SECS seconds of its start (408 or 503 past it).
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_DEADLINE.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub deadline: u64,
    /// Requests answered at once; past it, 429 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_IN_FLIGHT,
          value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
    pub max_in_flight: usize,
    /// The most articles run through the pipeline together, from any number of requests.
    #[arg(long, value_name = "N", default_value_t = BATCH_ARTICLES,
          value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
    pub batch_articles: usize,
    /// How long a batch that is not full waits for more requests, in milliseconds (0: run
    /// what is queued as soon as the pipeline is free).
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub batch_wait: u64,
    /// The named-entity model.
    #[command(flatten)]
    pub ner: NerArgs,
}

/// Choice of named-entity model.
#[derive(Debug, Args, Clone)]
pub struct NerArgs {
    /// A Hugging Face BERT-family token-classification folder to use instead of the shipped model.
    #[arg(long, value_name = "DIR")]
    pub ner_model: Option<PathBuf>,
    /// Skip named-entity tagging: records get no entities, speakers' types come from rules.
    #[arg(long, conflicts_with = "ner_model")]
    pub no_ner: bool,
    /// The arithmetic of the NER model: int8 (the default when the model folder has an int8
    /// export, model.int8.pt), bf16 (otherwise) or f32 (as trained, slowest).
    #[arg(long, value_name = "PRECISION", conflicts_with = "no_ner",
          value_parser = clap::builder::PossibleValuesParser::new(["int8", "bf16", "f32"]))]
    pub ner_precision: Option<String>,
    /// Where claims come from: rules (the rule base), model (the NER model's attribution
    /// head, one encoder pass with the entities) or both (the rules, and the head where no
    /// rule found a claim). See README.md for how they compare.
    #[arg(long, value_name = "MODE", default_value = "rules",
          value_parser = clap::builder::PossibleValuesParser::new(["rules", "model", "both"]))]
    pub attribution: String,
}

impl NerArgs {
    /// The attribution mode asked for.
    pub fn mode(&self) -> claimx::attribution::Mode {
        self.attribution
            .parse()
            .expect("clap accepts only rules, model and both")
    }
}

/// When `show` colours its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal, TERM is not dumb and NO_COLOR is not set.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never: bracket marks instead.
    Never,
}

/// The shapes `--format` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Claim records, one JSON object a line.
    Jsonl,
    /// One schema.org Claim in JSON-LD a line, for ClaimReview markup.
    Jsonld,
    /// CSV, one claim a row, for spreadsheets.
    Csv,
}

impl From<OutputFormat> for claimx::formats::Format {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Jsonl => claimx::formats::Format::Jsonl,
            OutputFormat::Jsonld => claimx::formats::Format::Jsonld,
            OutputFormat::Csv => claimx::formats::Format::Csv,
        }
    }
}

/// When to draw progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressMode {
    /// A bar when standard error is a terminal.
    Auto,
    /// A bar on a terminal, a line every few seconds otherwise.
    Always,
    /// Only the summary line at the end.
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("claimx").chain(args.iter().copied()))
    }

    #[test]
    fn extract_defaults_and_flags() {
        let Command::Extract(args) = parse(&["extract", "corpus"]).unwrap().command else {
            panic!("not extract");
        };
        assert_eq!(args.glob, "*.txt");
        assert_eq!(args.max_bytes, DEFAULT_MAX_BYTES);
        assert_eq!(args.progress, ProgressMode::Auto);
        assert_eq!(args.progress_interval, 5);
        assert!(!args.keep_going && args.output.is_none() && args.jobs.is_none());
        let Command::Extract(args) = parse(&[
            "extract",
            "a",
            "-",
            "-o",
            "out.jsonl",
            "--jobs",
            "2",
            "--glob",
            "**/*.md",
            "--max-bytes",
            "10",
            "--progress",
            "never",
            "--progress-interval",
            "0",
            "--keep-going",
        ])
        .unwrap()
        .command
        else {
            panic!("not extract");
        };
        assert_eq!(args.paths, [PathBuf::from("a"), PathBuf::from("-")]);
        assert_eq!(args.jobs, Some(2));
        assert_eq!(args.max_bytes, 10);
        assert_eq!(args.progress_interval, 0);
        assert!(args.keep_going);
    }

    #[test]
    fn show_flags() {
        let Command::Show {
            full, width, color, ..
        } = parse(&["show", "a.txt"]).unwrap().command
        else {
            panic!("not show");
        };
        assert_eq!((full, width, color), (false, None, ColorChoice::Auto));
        let Command::Show {
            full, width, color, ..
        } = parse(&[
            "show", "a.txt", "--full", "--width", "100", "--color", "never",
        ])
        .unwrap()
        .command
        else {
            panic!("not show");
        };
        assert_eq!((full, width, color), (true, Some(100), ColorChoice::Never));
        assert!(parse(&["show", "a.txt", "--color", "sometimes"]).is_err());
        assert!(parse(&["show", "a.txt", "--width", "-3"]).is_err());
    }

    #[test]
    fn bad_usage_is_rejected() {
        assert!(parse(&["extract"]).is_err());
        assert!(parse(&["extract", "a", "--progress", "sometimes"]).is_err());
        assert!(parse(&["extract", "a", "--no-ner", "--ner-model", "m"]).is_err());
        assert!(parse(&["extract", "a", "--jobs", "two"]).is_err());
        assert!(parse(&["extract", "a", "--jobs", "0"]).is_err());
        assert!(parse(&["extract", "a", "--jobs", "99999"]).is_err());
        assert!(parse(&["extract", "a", "--jobs", "256"]).is_ok());
        assert!(parse(&["extract", "a", "--progress-interval", "-1"]).is_err());
    }

    #[test]
    fn serve_defaults_and_flags() {
        let Command::Serve(args) = parse(&["serve"]).unwrap().command else {
            panic!("not serve");
        };
        assert_eq!(args.addr, DEFAULT_ADDR);
        assert_eq!(args.max_bytes, DEFAULT_MAX_BYTES);
        assert_eq!(args.max_body as u64, DEFAULT_MAX_BYTES);
        assert_eq!(args.deadline, DEFAULT_DEADLINE.as_secs());
        assert_eq!(args.max_in_flight, DEFAULT_MAX_IN_FLIGHT);
        assert_eq!((args.batch_articles, args.batch_wait), (BATCH_ARTICLES, 0));
        let Command::Serve(args) = parse(&[
            "serve",
            "--addr",
            "0.0.0.0:9000",
            "--max-in-flight",
            "1",
            "--deadline",
            "5",
            "--batch-articles",
            "4",
            "--batch-wait",
            "20",
            "--no-ner",
        ])
        .unwrap()
        .command
        else {
            panic!("not serve");
        };
        assert_eq!(args.addr, "0.0.0.0:9000");
        assert_eq!((args.max_in_flight, args.deadline), (1, 5));
        assert_eq!((args.batch_articles, args.batch_wait), (4, 20));
        assert!(args.ner.no_ner);
        assert!(parse(&["serve", "--max-in-flight", "0"]).is_err());
        assert!(parse(&["serve", "--deadline", "0"]).is_err());
        assert!(parse(&["serve", "--batch-articles", "0"]).is_err());
    }
}

//! `claimx serve`: loads the model once, starts the batching thread, listens, and serves
//! until SIGTERM or SIGINT, then finishes the requests in flight.

use std::io::Write;
use std::time::Duration;

use anyhow::{Context, Result};
use tokio::net::TcpListener;
use tokio::signal::unix::{signal, Signal, SignalKind};

use claimx::service::{self, BatchPolicy, Batcher, Limits};

use super::args::ServeArgs;

/// Runs the server; returns once it has been stopped and every request answered.
pub fn run(args: &ServeArgs) -> Result<()> {
    let tagger = super::ner::load(&args.ner, args.jobs.map(usize::from))?;
    let ner = tagger.is_some();
    let policy = BatchPolicy {
        articles: args.batch_articles,
        wait: Duration::from_millis(args.batch_wait),
    };
    let (queue, batcher) = Batcher::start(tagger, args.ner.mode(), policy)
        .context("cannot start the batching thread")?;
    let limits = Limits {
        max_bytes: args.max_bytes,
        max_body: args.max_body,
        deadline: Duration::from_secs(args.deadline),
        max_in_flight: args.max_in_flight,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's threads")?;
    let served = runtime.block_on(async {
        let stop = Stop::watch()?;
        let listener = TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("--addr {}: cannot listen there", args.addr))?;
        let addr = listener
            .local_addr()
            .context("cannot read the bound address")?;
        say(&format!("listening on http://{addr}"));
        let router = service::router(queue, limits, ner);
        service::serve(listener, router, stop.wait())
            .await
            .context("the server failed")
    });
    // The router, and with it the last queue, is gone: the batcher stops once it is idle.
    drop(runtime);
    batcher.join();
    served
}

/// Writes a line about the server on standard error. A closed standard error must not stop
/// a server (`eprintln!` would panic), so a failed write is ignored.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "claimx: serve: {text}");
}

/// The signals that stop the server, installed before it listens so that a failure to
/// install them is a start-up error, not a server that cannot be stopped cleanly.
struct Stop {
    term: Signal,
    int: Signal,
}

impl Stop {
    fn watch() -> Result<Self> {
        let install = |kind| signal(kind).context("cannot watch for SIGTERM and SIGINT");
        Ok(Stop {
            term: install(SignalKind::terminate())?,
            int: install(SignalKind::interrupt())?,
        })
    }

    /// Completes at the first SIGTERM or SIGINT, saying so on standard error.
    async fn wait(mut self) {
        let name = tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.int.recv() => "SIGINT",
        };
        say(&format!(
            "{name}: finishing the requests in flight, then stopping"
        ));
    }
}

//! `claimx show` on real articles: the plain markup piped (every PolNeAR dev article and the
//! corpus article) and the coloured, wrapped view in a real terminal (tmux).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{claimx, json_lines, root, stderr_of};
use unicode_width::UnicodeWidthStr;

/// The PolNeAR dev articles, sorted.
fn dev_articles() -> Vec<PathBuf> {
    let dir = root().join("../shared/data/polnear/dev/text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 84, "PolNeAR dev has 84 articles");
    files
}

fn corpus_article() -> PathBuf {
    root().join("corpus/trump_putin_summit.txt")
}

/// One marked span read back from the plain markup: its role letter (`c` content, `S`
/// speaker, `C` cue), its claims and its code-point range in the article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Marked {
    role: char,
    claims: Vec<usize>,
    start: usize,
    end: usize,
}

/// Reads the plain markup back: the article text without marks and escapes, and every mark.
/// Panics (naming the place) on a close without its open, a close of the wrong kind, a mark
/// left open, or a bare bracket that is neither a mark nor escaped.
fn unmark(marked: &str) -> (String, Vec<Marked>) {
    let chars: Vec<char> = marked.chars().collect();
    let mut text = String::new();
    let mut at = 0; // code points of article text so far
    let mut open: Vec<Marked> = Vec::new();
    let mut done = Vec::new();
    let mut i = 0;
    let context = |i: usize| {
        chars[i.saturating_sub(40)..(i + 40).min(chars.len())]
            .iter()
            .collect::<String>()
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let next = chars[i + 1];
                assert!("\\[]{}".contains(next), "bad escape at {:?}", context(i));
                text.push(next);
                at += 1;
                i += 2;
            }
            '{' | '[' => {
                let (role, from) = match (c, chars.get(i + 1)) {
                    ('{', _) => ('c', i + 1),
                    ('[', Some('S')) => ('S', i + 2),
                    ('[', Some('C')) => ('C', i + 2),
                    _ => panic!("a bare [ at {:?}", context(i)),
                };
                let space = (from..chars.len()).find(|&j| chars[j] == ' ').unwrap();
                let numbers: String = chars[from..space].iter().collect();
                let claims: Vec<usize> = numbers
                    .split(',')
                    .map(|n| {
                        n.parse()
                            .unwrap_or_else(|_| panic!("no claim number at {:?}", context(i)))
                    })
                    .collect();
                open.push(Marked {
                    role,
                    claims,
                    start: at,
                    end: at,
                });
                i = space + 1;
            }
            '}' | ']' => {
                let mut mark = open
                    .pop()
                    .unwrap_or_else(|| panic!("a close without an open at {:?}", context(i)));
                assert_eq!(
                    c == '}',
                    mark.role == 'c',
                    "a close of the wrong kind at {:?}",
                    context(i)
                );
                mark.end = at;
                done.push(mark);
                i += 1;
            }
            _ => {
                text.push(c);
                at += 1;
                i += 1;
            }
        }
    }
    assert!(open.is_empty(), "marks left open: {open:?}");
    (text, done)
}

/// The ranges of one claim in one role, adjacent ones merged (a mark closed and opened again
/// to keep the nesting is one span).
fn ranges(marks: &[Marked], role: char, claim: usize) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = marks
        .iter()
        .filter(|m| m.role == role && m.claims.contains(&claim))
        .map(|m| (m.start, m.end))
        .collect();
    found.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in found {
        match merged.last_mut() {
            Some(last) if last.1 == start => last.1 = end,
            _ => merged.push((start, end)),
        }
    }
    merged
}

fn span(value: &serde_json::Value) -> (usize, usize) {
    (
        value["start"].as_u64().unwrap() as usize,
        value["end"].as_u64().unwrap() as usize,
    )
}

/// The records of `file`, from `claimx extract` with the same NER choice.
fn records(file: &Path, ner: bool) -> Vec<serde_json::Value> {
    let mut cmd = claimx();
    cmd.args(["extract", "--progress", "never"]);
    if !ner {
        cmd.arg("--no-ner");
    }
    let run = cmd.arg(file).assert().success();
    json_lines(&run.get_output().stdout)
}

/// Splits `show`'s output: the legend line, the marked article, the table.
fn sections(shown: &str) -> (&str, &str, &str) {
    let article = shown.find("\n\n").expect("a blank line after the legend") + 2;
    let table = shown.rfind("\n\n").expect("a blank line before the table");
    (
        &shown[..article - 2],
        &shown[article..table + 1],
        &shown[table + 2..],
    )
}

/// Every check of the piped form on one article, against its records.
fn check_piped(file: &Path, ner: bool, records: &[serde_json::Value]) {
    let name = file.display().to_string();
    let mut cmd = claimx();
    cmd.arg("show");
    if !ner {
        cmd.arg("--no-ner");
    }
    let run = cmd.arg(file).assert().success();
    let shown = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert!(!shown.contains('\x1b'), "{name}: colour in a pipe");
    let (legend, marked, table) = sections(&shown);
    assert!(
        legend.starts_with("Legend: {n ...}") && !legend.contains('\n'),
        "{name}: {legend}"
    );

    let article = std::fs::read_to_string(file).unwrap();
    let (text, marks) = unmark(marked);
    let expected = if article.ends_with('\n') {
        article.clone()
    } else {
        format!("{article}\n")
    };
    assert!(
        text == expected,
        "{name}: the article without its marks is not the article"
    );

    let claims: BTreeSet<usize> = marks
        .iter()
        .flat_map(|m| m.claims.iter().copied())
        .collect();
    let listed: BTreeSet<usize> = (1..=records.len()).collect();
    assert_eq!(claims, listed, "{name}: claim numbers in the text");
    for (n, record) in (1..).zip(records) {
        let parts: Vec<Marked> = record["content"]["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let (start, end) = span(p);
                Marked {
                    role: 'c',
                    claims: vec![n],
                    start,
                    end,
                }
            })
            .collect();
        assert_eq!(
            ranges(&marks, 'c', n),
            ranges(&parts, 'c', n),
            "{name}: content of #{n}"
        );
        let speaker: Vec<(usize, usize)> = record["speaker"]
            .as_object()
            .map(|_| span(&record["speaker"]))
            .into_iter()
            .filter(|s| s.0 < s.1)
            .collect();
        assert_eq!(ranges(&marks, 'S', n), speaker, "{name}: speaker of #{n}");
        let cue: Vec<(usize, usize)> = record["cue"]
            .as_object()
            .map(|_| span(&record["cue"]))
            .into_iter()
            .filter(|s| s.0 < s.1)
            .collect();
        assert_eq!(ranges(&marks, 'C', n), cue, "{name}: cue of #{n}");
    }
    // The same span in the same role is marked once, whatever number of claims it serves.
    let mut seen = BTreeMap::new();
    for mark in &marks {
        if let Some(before) = seen.insert((mark.role, mark.start, mark.end), mark) {
            panic!("{name}: {before:?} and {mark:?} mark one span twice");
        }
    }
    check_table(&name, table, records);
}

/// The table lists each claim once, in order, and its columns line up: every row has each
/// column's cell where the header has it, two spaces before it.
fn check_table(name: &str, table: &str, records: &[serde_json::Value]) {
    if records.is_empty() {
        assert_eq!(table, "no claims found\n", "{name}");
        return;
    }
    let lines: Vec<&str> = table.lines().collect();
    let header = lines[0];
    let titles = [
        "claim",
        "kind",
        "in",
        "speaker (resolved by)",
        "cue",
        "conf",
        "content",
    ];
    let mut from = 0;
    let starts: Vec<usize> = titles
        .iter()
        .map(|t| {
            let at = from
                + header[from..]
                    .find(t)
                    .unwrap_or_else(|| panic!("{name}: no {t} in {header}"));
            from = at + t.len();
            at
        })
        .collect();
    assert_eq!(lines.len(), records.len() + 1, "{name}: one row a claim");
    for (row, record) in lines[1..].iter().zip(records) {
        // Columns in display width: the header is ASCII, so its byte offsets are columns.
        let cells = columns(row, &starts);
        let number = record["id"].as_str().unwrap().rsplit('#').next().unwrap();
        assert_eq!(cells[0].trim_end(), format!("#{number}"), "{name}: {row}");
        assert_eq!(
            cells[1].trim_end(),
            record["kind"].as_str().unwrap(),
            "{name}: {row}"
        );
        let parent = record["parent"].as_str().map_or("-".to_owned(), |p| {
            format!("#{}", p.rsplit('#').next().unwrap())
        });
        assert_eq!(cells[2].trim_end(), parent, "{name}: {row}");
        let conf = cells[5].trim();
        let off = conf.parse::<f64>().unwrap() - record["confidence"].as_f64().unwrap();
        assert!(off.abs() <= 0.005 + 1e-9, "{name}: {row}");
        let content = cells[6].trim_end_matches('…');
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let whole = words(record["content"]["text"].as_str().unwrap());
        assert!(
            !content.is_empty() && whole.starts_with(&words(content)),
            "{name}: {row}"
        );
    }
}

/// Cuts a row at the header's column starts, measured in terminal columns, checking that
/// each cell is separated from the one before by two spaces (one cell per column).
fn columns(row: &str, starts: &[usize]) -> Vec<String> {
    let mut cells = vec![String::new(); starts.len()];
    let mut column = 0;
    for c in row.chars() {
        let cell = starts.iter().rposition(|&s| s <= column).unwrap();
        cells[cell].push(c);
        column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    for (n, cell) in cells.iter().enumerate().take(starts.len() - 1) {
        let next_starts = starts[n + 1];
        assert!(
            cell.ends_with("  ") && cell.width() == next_starts - starts[n],
            "column {n} of {row:?}: {cell:?}"
        );
        assert!(
            !cell.starts_with(' ') || n == 5,
            "column {n} of {row:?} starts with a space"
        );
    }
    cells
}

#[test]
fn piped_show_of_the_corpus_article_nests_strips_and_numbers() {
    let file = corpus_article();
    check_piped(&file, true, &records(&file, true));
}

#[test]
fn piped_show_of_every_polnear_dev_article_nests_strips_and_numbers() {
    let files = dev_articles();
    // The records of every article, from one run over the folder.
    let mut by_article: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for record in records(&root().join("../shared/data/polnear/dev/text"), false) {
        let article = record["article"].as_str().unwrap().to_owned();
        by_article.entry(article).or_default().push(record);
    }
    let by_article = &by_article;
    let workers = 2;
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let files = &files;
            scope.spawn(move || {
                for file in files.iter().skip(worker).step_by(workers) {
                    let id = file.file_stem().unwrap().to_string_lossy();
                    let records = by_article.get(id.as_ref()).map_or(&[][..], Vec::as_slice);
                    check_piped(file, false, records);
                }
            });
        }
    });
}

#[test]
fn full_shows_whole_contents_and_width_wraps_a_pipe() {
    let file = corpus_article();
    let run = claimx()
        .args(["show", "--no-ner", "--full"])
        .arg(&file)
        .assert()
        .success();
    let shown = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    let (_, _, table) = sections(&shown);
    for record in records(&file, false) {
        let content = record["content"]["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            table.contains(&content),
            "--full: {content:?} not whole in\n{table}"
        );
    }
    assert!(!table.contains('…'), "{table}");

    let run = claimx()
        .args(["show", "--no-ner", "--width", "60", "--full"])
        .arg(&file)
        .assert()
        .success();
    let shown = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    let (legend, marked, table) = sections(&shown);
    for line in legend.lines().chain(marked.lines()) {
        assert!(line.width() <= 60, "wider than 60: {line:?}");
    }
    // Wrapping only replaced spaces by line ends: the words are the article's.
    let (text, _) = unmark(marked);
    let article = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>(),
        article.split_whitespace().collect::<Vec<_>>()
    );
    // --full wraps contents in their column, under the header's "content".
    let indent = table.lines().next().unwrap().find("content").unwrap();
    let continued: Vec<&str> = table.lines().filter(|l| l.starts_with(' ')).collect();
    assert!(!continued.is_empty(), "{table}");
    for line in continued {
        assert!(
            line[..indent].trim().is_empty() && !line[indent..].starts_with(' '),
            "{line:?}"
        );
    }
}

/// A tmux server of its own (`-L`), killed when the test ends however it ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// None, with the reason printed, when tmux is not installed.
    fn start(name: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("SKIPPED: tmux is not installed (scripts/setup-test-data.sh installs it)");
            return None;
        }
        Some(Tmux {
            socket: format!("claimx-test-{}-{name}", std::process::id()),
        })
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket])
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR");
        cmd
    }

    /// Runs `shell` in a detached 160 x 50 window and returns the whole pane, history
    /// included, once the command has ended: lines joined where the terminal wrapped them
    /// (`-J`), with escape codes (`-e`) or without.
    fn run(&self, shell: &str, escapes: bool) -> String {
        let signal = format!(
            "{shell}; tmux -L {} wait-for -S done; sleep 600",
            self.socket
        );
        let status = self
            .command()
            .args([
                "new-session",
                "-d",
                "-x",
                "160",
                "-y",
                "50",
                "sh",
                "-c",
                &signal,
            ])
            .status()
            .unwrap();
        assert!(status.success(), "tmux new-session failed");
        assert!(self
            .command()
            .args(["wait-for", "done"])
            .status()
            .unwrap()
            .success());
        let mut capture = self.command();
        capture.args(["capture-pane", "-p", "-J", "-S", "-", "-E", "-"]);
        if escapes {
            capture.arg("-e");
        }
        let out = capture.output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let _ = self.command().args(["kill-session"]).status();
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// The foreground colour of each visible character of a captured pane, with the text:
/// (text, colour per char), reading the SGR codes tmux writes (`-e`).
fn colours(captured: &str) -> (String, Vec<Option<u8>>) {
    let mut text = String::new();
    let mut colour = Vec::new();
    let mut fg: Option<u8> = None;
    let mut chars = captured.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            let mut params = String::new();
            for p in chars.by_ref() {
                if p.is_ascii_alphabetic() {
                    if p == 'm' {
                        let codes: Vec<u8> =
                            params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
                        for code in codes {
                            match code {
                                0 | 39 => fg = None,
                                30..=37 | 90..=97 => fg = Some(code),
                                _ => {}
                            }
                        }
                    }
                    break;
                }
                params.push(p);
            }
            continue;
        }
        text.push(c);
        colour.push(fg);
    }
    // The claim numbers (⟨3⟩, ⟨6,7⟩) are not the article's: drop them, colours and all.
    let chars: Vec<char> = text.chars().collect();
    let mut keep = vec![true; chars.len()];
    for open in (0..chars.len()).filter(|&i| chars[i] == '⟨') {
        let close = (open + 1..chars.len()).find(|&j| chars[j] == '⟩');
        if let Some(close) = close.filter(|&j| {
            chars[open + 1..j]
                .iter()
                .all(|c| c.is_ascii_digit() || *c == ',')
                && j > open + 1
        }) {
            keep[open..=close].iter_mut().for_each(|k| *k = false);
        }
    }
    let text = chars
        .iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(c, _)| c)
        .collect();
    let colour = colour
        .into_iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(c, _)| c)
        .collect();
    (text, colour)
}

#[test]
fn show_in_a_160_column_terminal_wraps_at_words_and_keeps_colours_nested() {
    let Some(tmux) = Tmux::start("show") else {
        return;
    };
    let file = corpus_article();
    let binary = assert_cmd::cargo::cargo_bin("claimx");
    let shell = format!(
        "{} show --no-ner {}",
        shell_quote(&binary),
        shell_quote(&file)
    );
    let coloured = tmux.run(&shell, true);
    let plain = tmux.run(&shell, false);
    let article = std::fs::read_to_string(&file).unwrap();
    let records = records(&file, false);

    // No line is wider than the terminal (lines the terminal wrapped are joined by -J).
    for line in plain.lines() {
        assert!(line.width() <= 160, "{} columns: {line:?}", line.width());
    }
    let legend = plain.lines().next().unwrap();
    assert!(
        legend.starts_with("Legend: ⟨n⟩ what claim #n claimed"),
        "{legend}"
    );
    let table_at = plain.find("\nclaim  ").expect("the table");
    let view = &plain[plain.find("\n\n").unwrap()..table_at];
    // The view's words are the article's, each whole: no word is split across lines.
    let numbers = |w: &str| -> String {
        let mut w = w.to_owned();
        while let (Some(open), Some(close)) = (w.find('⟨'), w.find('⟩')) {
            w.replace_range(open..close + '⟩'.len_utf8(), "");
        }
        w
    };
    let view_words: Vec<String> = view
        .split_whitespace()
        .map(numbers)
        .filter(|w| !w.is_empty())
        .collect();
    let article_words: Vec<&str> = article.split_whitespace().collect();
    assert_eq!(
        view_words, article_words,
        "the view's words are the article's"
    );
    assert!(
        view.lines().any(|l| l.width() > 120),
        "long paragraphs fill the width"
    );
    // Every claim's number is in the text, and in the table.
    for n in 1..=records.len() {
        assert!(view.contains(&format!("⟨{n}⟩")), "no ⟨{n}⟩ in the view");
        assert!(
            plain[table_at..].contains(&format!("\n#{n} ")),
            "no #{n} in the table"
        );
    }

    // Colour: the text after a speaker or cue inside a content is a content colour again.
    let (text, fg) = colours(&coloured);
    let text: Vec<char> = text.chars().collect();
    let view_start = (1..text.len())
        .find(|&i| text[i] == '\n' && text[i - 1] == '\n')
        .unwrap();
    let on_screen = align(&article, &text[view_start..]);
    let colour_of = |at: usize| fg[view_start + on_screen[&at]];
    let marked: Vec<(usize, usize)> = records
        .iter()
        .flat_map(|r| ["speaker", "cue"].map(|role| r[role].as_object().map(|_| span(&r[role]))))
        .flatten()
        .collect();
    let article_chars: Vec<char> = article.chars().collect();
    let mut checked = 0;
    for record in &records {
        for part in record["content"]["parts"].as_array().unwrap() {
            let (p_start, p_end) = span(part);
            for &(start, end) in marked.iter().filter(|&&(s, e)| p_start < s && e < p_end) {
                assert!(
                    (start..end)
                        .filter(|&i| !article_chars[i].is_whitespace())
                        .all(|i| matches!(colour_of(i), Some(34) | Some(33))),
                    "{:?} is not blue or yellow",
                    article_chars[start..end].iter().collect::<String>()
                );
                // The next letter inside the part, unless it is a speaker's or cue's own.
                let Some(next) = (end..p_end).find(|&i| !article_chars[i].is_whitespace()) else {
                    continue;
                };
                if marked.iter().any(|&(s, e)| s <= next && next < e) {
                    continue;
                }
                assert!(
                    matches!(colour_of(next), Some(32) | Some(36)),
                    "{:?} lost the content colour after {:?}",
                    article_chars[next..p_end]
                        .iter()
                        .take(30)
                        .collect::<String>(),
                    article_chars[start..end].iter().collect::<String>()
                );
                checked += 1;
            }
        }
    }
    // "announced Monday" inside #3 and "suggested that" inside #14.
    assert!(
        checked >= 2,
        "the article has speakers and cues inside contents ({checked})"
    );

    // TERM=dumb and NO_COLOR: no colour even on a terminal, brackets instead.
    for env in ["TERM=dumb", "NO_COLOR=1"] {
        let shell = format!(
            "env {env} {} show --no-ner {}",
            shell_quote(&binary),
            shell_quote(&file)
        );
        let shown = tmux.run(&shell, true);
        assert!(!shown.contains("\x1b[3"), "{env}: colours");
        assert!(
            shown.contains("[S15 Trump] [C15 suggested]"),
            "{env}: no brackets"
        );
    }
}

/// For each non-space character of `article`, where it is on `screen` (markers removed):
/// the screen holds the article's words in order, only the spaces between them differ.
fn align(article: &str, screen: &[char]) -> BTreeMap<usize, usize> {
    let mut on_screen = screen
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace());
    article
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(at, c)| {
            let (shown, &seen) = on_screen
                .next()
                .expect("the article is on the screen whole");
            assert_eq!(seen, c, "screen and article differ at char {at}");
            (at, shown)
        })
        .collect()
}

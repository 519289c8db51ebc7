#!/usr/bin/env python3
"""Runs `claimx extract` over a folder of articles on a Spark cluster.

    spark-submit [--master URL] claimx_spark.py INPUT OUTPUT [--claimx PATH]
                 [--glob GLOB] [--partitions N] [-- CLAIMX_OPTION...]

(on this machine alone: `SPARK_LOCAL_IP=127.0.0.1 spark-submit --master 'local-cluster[2,1,1024]'
--properties-file local.conf ...`, with local.conf beside this file).

Reads every file under INPUT whose path relative to INPUT matches GLOB (default `*.txt`),
gives it the id `claimx extract INPUT` would (that path without its extension), pipes the
articles as JSON Lines through `claimx extract - --keep-going` on the executors and writes
the claim records, one JSON object a line, into the new folder OUTPUT (`part-*` files).
Options after `--` go to `claimx extract` (`--no-ner`, `--ner-model DIR`, `--ner-precision`).
See README.md beside this file for why each choice below is made.
"""

import argparse
import base64
import fnmatch
import json
import os
import posixpath
import shlex
import shutil
import sys

from pyspark import SparkConf, SparkContext


def parse_args(argv):
    """The job's options, and the claimx options given after `--`."""
    cut = argv.index("--") if "--" in argv else len(argv)
    argv, claimx_options = argv[:cut], argv[cut + 1 :]
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Options after -- go to claimx extract, e.g. -- --no-ner.",
    )
    parser.add_argument("input", help="folder of articles (any Hadoop path: file:, hdfs:, ...)")
    parser.add_argument("output", help="folder to create for the records (must not exist)")
    parser.add_argument(
        "--claimx",
        default="claimx",
        help="the claimx binary, at the same path on every worker (default: claimx on PATH)",
    )
    parser.add_argument(
        "--glob",
        default="*.txt",
        help="which files are articles, matched against the path relative to INPUT "
        "(default, as claimx's: *.txt)",
    )
    parser.add_argument(
        "--partitions",
        type=positive,
        help="how many claimx processes to run (default: the input's splits, "
        "at least one a core of the cluster)",
    )
    args = parser.parse_args(argv)
    args.claimx_options = claimx_options
    return args


def positive(text):
    """An argument that must be a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def hadoop_path(sc, path):
    """`path` as Hadoop names the files under it (`file:/abs/path`), and whether it exists."""
    jvm_path = sc._jvm.org.apache.hadoop.fs.Path(path)
    fs = jvm_path.getFileSystem(sc._jsc.hadoopConfiguration())
    return fs.makeQualified(jvm_path).toString(), fs.exists(jvm_path)


def relative_path(root, path):
    """`path` relative to `root`, with `/` separators, as Hadoop gives both."""
    prefix = root.rstrip("/") + "/"
    if not path.startswith(prefix):
        raise ValueError(f"{path}: not under the input folder {root}")
    return path[len(prefix):]


def article_line(relative, data, url):
    """One JSON Lines article for claimx: the text when the bytes are UTF-8 without NUL,
    else the bytes in base64, so that claimx checks them as it checks a file's and reports
    its own error for this article (not UTF-8, UTF-16, binary) instead of getting a lossy
    decoding. `url` (the file as Hadoop names it, `file:/abs/path`) becomes the records'
    `appearance`. ASCII only, so `RDD.pipe`'s UTF-8 encoding of each element can never fail."""
    article_id = posixpath.splitext(relative)[0]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\0" in text:
        body = {"bytes": base64.b64encode(data).decode("ascii")}
    else:
        body = {"text": text}
    return json.dumps({"id": article_id, "url": url, **body}, ensure_ascii=True)


def claimx_command(claimx, task_cpus, options):
    """The command each task pipes its articles through.

    `--keep-going`: a failed article is reported on the executor's standard error and the
    exit code stays 0, so `checkCode=True` fails a task only when claimx itself failed (a
    usage error, an I/O error, a kill), and Spark then retries it instead of keeping half
    its records. `--jobs`: claimx would start a thread per core of the machine, and every
    executor on it runs its own claimx; a task is given `spark.task.cpus` cores (default 1),
    so claimx uses that many.
    """
    fixed = ["extract", "-", "--keep-going", "--jobs", str(task_cpus), "--progress", "never"]
    return shlex.join([claimx, *fixed, *options])


def main(argv):
    args = parse_args(argv)
    claimx = shutil.which(args.claimx)
    if claimx is None:
        sys.exit(f"claimx_spark: {args.claimx}: no such executable; give its path with --claimx")
    # Spark starts the piped command with an empty environment: PATH cannot find it.
    claimx = os.path.abspath(claimx)

    sc = SparkContext(conf=SparkConf().setAppName("claimx"))
    try:
        return run(sc, args, claimx)
    finally:
        sc.stop()


def run(sc, args, claimx):
    # claimx walks folders recursively; Hadoop lists one level unless told.
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    root, found = hadoop_path(sc, args.input)
    if not found:
        return fail(f"{args.input}: no such folder")
    if hadoop_path(sc, args.output)[1]:
        return fail(f"{args.output}: already exists; remove it or name a new folder")
    glob = args.glob
    articles = sc.accumulator(0)
    records = sc.accumulator(0)

    def to_line(item):
        articles.add(1)
        path, data = item
        return article_line(relative_path(root, path), data, path)

    def counted(record):
        records.add(1)
        return record

    # binaryFiles, not wholeTextFiles: wholeTextFiles decodes each file as UTF-8 in the JVM
    # and turns every invalid byte into U+FFFD, so a Latin-1 article would silently become
    # records over mangled text. binaryFiles reads the same files, one element each, as bytes.
    files = sc.binaryFiles(args.input).filter(
        lambda item: fnmatch.fnmatchcase(relative_path(root, item[0]), glob)
    )
    partitions = args.partitions or max(files.getNumPartitions(), sc.defaultParallelism)
    if partitions != files.getNumPartitions():
        files = files.repartition(partitions)
    task_cpus = int(sc.getConf().get("spark.task.cpus", "1"))
    command = claimx_command(claimx, task_cpus, args.claimx_options)
    files.map(to_line).pipe(command, checkCode=True).map(counted).saveAsTextFile(args.output)

    print(
        f"claimx_spark: application {sc.applicationId}: {articles.value} articles through "
        f"{partitions} claimx processes, {records.value} records written to {args.output}; "
        "claimx's messages (failed articles, summaries) are in the executors' stderr logs",
        file=sys.stderr,
    )
    if articles.value == 0:
        return fail(f"no file under {args.input} matches --glob {glob!r}")
    return 0


def fail(message):
    """Reports a bad input of the job itself; the exit code 1, as claimx's for a bad root."""
    print(f"claimx_spark: error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

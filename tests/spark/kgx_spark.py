#!/usr/bin/env python3
"""kgx as a Spark mapper: extract on the executors, merge on the driver.

    python3 tests/spark/kgx_spark.py INPUT.jsonl KGX OUT_DIR NAME [PARTITIONS]
        [--gazetteer PATH] [--rules FILE] [--kgx-jobs N] [--combine] [--ship]
        [--master URL]

INPUT is JSON lines of {"id": ..., "text": ...} (a local path, or a URL such
as hdfs://... on a cluster). Each partition of its lines is
piped through `kgx extract --jsonl - --emit partial` (one partial-graph line per
document). With --combine, each partition's partials are then piped through
`kgx merge --emit partial -` (one line per partition), which proves that the
grouping does not change the result. The driver collects the partial lines,
writes them to OUT_DIR/NAME.partials.jsonl and runs
`kgx merge FILE --out OUT_DIR --name NAME --no-render`.

kgx carries its shipped gazetteer and rules; --gazetteer and --rules given
here replace them (passed on with --no-default-gazetteer / --no-default-rules).
Paths of kgx, the gazetteer and the rules must be readable on every executor
(local mode, or a shared filesystem), unless --ship is given: then they are
sent with SparkContext.addFile and found on each executor with SparkFiles.get.

Prints one JSON object on stdout: partitions, partial lines and seconds for
each step. Spark's own logging goes to stderr.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("input", help="JSON lines of {id, text}: a local path or a URL")
    p.add_argument("kgx", help="path of the kgx binary")
    p.add_argument("out", help="output folder of the exports")
    p.add_argument("name", help="base name of the export files")
    p.add_argument("partitions", nargs="?", type=int, default=2)
    p.add_argument("--gazetteer", action="append", default=[], metavar="PATH")
    p.add_argument("--rules", metavar="FILE")
    p.add_argument(
        "--kgx-jobs",
        type=int,
        metavar="N",
        help="threads of each kgx extract (-j; default: all cores)",
    )
    p.add_argument(
        "--combine",
        action="store_true",
        help="merge each partition's partials to one line on the executors",
    )
    p.add_argument(
        "--ship",
        action="store_true",
        help="send kgx, gazetteer and rules with addFile; resolve with SparkFiles.get",
    )
    p.add_argument(
        "--master",
        default=None,
        help="Spark master (default: spark-submit's, else local[PARTITIONS])",
    )
    a = p.parse_args(argv)
    if a.partitions < 1:
        p.error(f"invalid partitions {a.partitions} (give at least 1)")
    return a


def extract_argv(kgx, gazetteers, rules, jobs):
    argv = [kgx, "extract", "--jsonl", "-", "--emit", "partial", "--quiet"]
    if jobs:
        argv += ["-j", str(jobs)]
    if gazetteers:
        argv += ["--no-default-gazetteer"]
    for g in gazetteers:
        argv += ["--gazetteer", g]
    if rules:
        argv += ["--no-default-rules", "--rules", rules]
    return argv


def merge_argv(kgx):
    return [kgx, "merge", "--emit", "partial", "--quiet", "-"]


def shipped_pipe(argv_of):
    """A mapPartitions function like rdd.pipe, whose argv is built on the executor.

    `argv_of(get)` gets SparkFiles.get and returns the command; lines go in on
    stdin, out on stdout; a non-zero exit fails the task with kgx's stderr.
    """

    def run(lines):
        from pyspark import SparkFiles

        argv = argv_of(SparkFiles.get)
        data = "".join(line.rstrip("\n") + "\n" for line in lines).encode("utf-8")
        done = subprocess.run(argv, input=data, capture_output=True)
        if done.returncode != 0:
            raise RuntimeError(
                f"{shlex.join(argv)} exited {done.returncode}: "
                + done.stderr.decode("utf-8", "replace")
            )
        return done.stdout.decode("utf-8").splitlines()

    return run


def main(argv):
    a = parse_args(argv)
    kgx = os.path.abspath(a.kgx)
    gazetteers = [os.path.abspath(g) for g in a.gazetteer]
    rules = os.path.abspath(a.rules) if a.rules else None
    os.makedirs(a.out, exist_ok=True)

    # The executors' Python must be the driver's (pyspark is installed there).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    t0 = time.perf_counter()
    conf = SparkConf().setAppName("kgx")
    if a.master:
        conf.setMaster(a.master)
    elif not conf.contains("spark.master"):
        conf.setMaster(f"local[{a.partitions}]")
    conf.set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    t_start = time.perf_counter()

    try:
        # A local path is read as file://; a URL (hdfs://, s3a://, ...) as it is.
        url = a.input if "://" in a.input else "file://" + os.path.abspath(a.input)
        docs = sc.textFile(url, minPartitions=a.partitions)
        if docs.getNumPartitions() != a.partitions:
            docs = docs.repartition(a.partitions)

        if a.ship:
            sc.addFile(kgx)
            for g in gazetteers:
                sc.addFile(g, recursive=os.path.isdir(g))
            if rules:
                sc.addFile(rules)
            kgx_name = os.path.basename(kgx)
            gaz_names = [os.path.basename(g) for g in gazetteers]
            rules_name = os.path.basename(rules) if rules else None
            partials = docs.mapPartitions(
                shipped_pipe(
                    lambda get: extract_argv(
                        get(kgx_name),
                        [get(g) for g in gaz_names],
                        get(rules_name) if rules_name else None,
                        a.kgx_jobs,
                    )
                )
            )
            if a.combine:
                partials = partials.mapPartitions(
                    shipped_pipe(lambda get: merge_argv(get(kgx_name)))
                )
        else:
            partials = docs.pipe(
                shlex.join(extract_argv(kgx, gazetteers, rules, a.kgx_jobs)),
                checkCode=True,
            )
            if a.combine:
                partials = partials.pipe(shlex.join(merge_argv(kgx)), checkCode=True)

        lines = partials.collect()
    finally:
        t_spark = time.perf_counter()
        sc.stop()

    partial_file = os.path.join(a.out, f"{a.name}.partials.jsonl")
    with open(partial_file, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
    merge = [kgx, "merge", partial_file, "--out", a.out, "--name", a.name]
    merge += ["--no-render", "--quiet"]
    done = subprocess.run(merge, capture_output=True, text=True)
    t_merge = time.perf_counter()
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        sys.exit(f"kgx_spark: {shlex.join(merge)} exited {done.returncode}")

    print(
        json.dumps(
            {
                "partitions": a.partitions,
                "combine": a.combine,
                "ship": a.ship,
                "partial_lines": len(lines),
                "spark_startup_seconds": round(t_start - t0, 3),
                "spark_seconds": round(t_spark - t_start, 3),
                "merge_seconds": round(t_merge - t_spark, 3),
                "total_seconds": round(t_merge - t0, 3),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])

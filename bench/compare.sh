#!/bin/sh
# capaian against Hugo on the same large report, in one run.
#
#   bench/compare.sh [YEARS PKS INDICATORS [RUNS]]      defaults: 10 50 20 10
#
# Generates the synthetic report (examples/gen-content.rs: YEARS × PKS × INDICATORS
# indicator-years, four realisations each), builds it once with capaian to count its pages,
# then generates from the same data a Hugo site with the same number of pages holding the same
# tables as Markdown (dashboard, years, PKs, indicators, validation pages, forms, SOP, chapters;
# appendix pages make up the kinds Hugo has no match for). hyperfine times both builds into an
# empty output folder (the previous one is removed before each run, for both tools); then one
# more build of each under /usr/bin/time -v gives its peak memory. Prints the medians, the
# ratio capaian/Hugo (below 1: capaian is faster) and the machine.
#
# The work folder is under $TMPDIR (default /tmp). On a disk, each build follows the deletion of
# the previous one (for both tools) and the file system's inode allocation after a mass
# deletion can cost more than the build (ext4 without a journal: several seconds of system
# time); TMPDIR=/dev/shm measures the tools rather than the disk.
#
# Needs hyperfine, hugo and GNU time (Debian: apt-get install -y hyperfine hugo time); run as
# root on Debian, it installs the missing ones itself. The load average is printed before and
# after: on a shared machine, compare runs taken at a low load only.
set -eu

YEARS=${1:-10}
PKS=${2:-50}
INDICATORS=${3:-20}
RUNS=${4:-10}

missing() {
    for tool in hyperfine hugo /usr/bin/time; do
        command -v "$tool" >/dev/null 2>&1 || return 0
    done
    return 1
}
if missing && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing hyperfine, hugo and time (apt-get)" >&2
    apt-get install -y -q hyperfine hugo time >/dev/null ||
        { apt-get update -q >/dev/null && apt-get install -y -q hyperfine hugo time >/dev/null; }
fi
for tool in hyperfine hugo /usr/bin/time; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool is missing; on Debian: apt-get install -y hyperfine hugo time" >&2
        exit 2
    fi
done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin capaian --example gen-content
CAPAIAN=$PWD/target/release/capaian
GEN=$PWD/target/release/examples/gen-content

WORK=$(mktemp -d "${TMPDIR:-/tmp}/capaian-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
REPORT=$WORK/report
HUGO=$WORK/hugo

"$GEN" --years "$YEARS" --pks "$PKS" --indicators "$INDICATORS" --seed 1 "$REPORT/content" 2>&1
"$CAPAIAN" build --content "$REPORT/content" --output "$REPORT/output" >/dev/null 2>&1
PAGES=$(find "$REPORT/output" -name '*.html' | wc -l)
# The same seed gives the same data: the content is written again, byte for byte.
"$GEN" --years "$YEARS" --pks "$PKS" --indicators "$INDICATORS" --seed 1 \
    --hugo "$HUGO" --hugo-pages "$PAGES" "$REPORT/content" 2>&1 | tail -n 1
hugo --source "$HUGO" --destination "$HUGO/public" --quiet
HUGO_PAGES=$(find "$HUGO/public" -name '*.html' | wc -l)
echo "pages: capaian $PAGES, Hugo $HUGO_PAGES"

CAPAIAN_CMD="$CAPAIAN build --content $REPORT/content --output $REPORT/output"
HUGO_CMD="hugo --source $HUGO --destination $HUGO/public --quiet"
hyperfine --warmup 1 --runs "$RUNS" --export-csv "$WORK/times.csv" \
    --prepare "rm -rf $REPORT/output" --command-name capaian "$CAPAIAN_CMD" \
    --prepare "rm -rf $HUGO/public" --command-name hugo "$HUGO_CMD"

peak_rss() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }'
}
rm -rf "$REPORT/output" "$HUGO/public"
CAPAIAN_RSS=$(peak_rss $CAPAIAN_CMD)
HUGO_RSS=$(peak_rss $HUGO_CMD)

# hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds).
median() { awk -F, -v name="$1" '$1 == name { print $4 }' "$WORK/times.csv"; }
CAPAIAN_S=$(median capaian)
HUGO_S=$(median hugo)

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(hugo version | cut -d' ' -f1-2)"
echo "work folder: $WORK ($(df -T "$WORK" | awk 'NR == 2 { print $2 }'))"
echo "load average: before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "content: $YEARS years × $PKS PKs × $INDICATORS indicators, $PAGES pages"
awk -v c="$CAPAIAN_S" -v h="$HUGO_S" -v cr="$CAPAIAN_RSS" -v hr="$HUGO_RSS" 'BEGIN {
    printf "capaian: median %.2f s, peak RSS %d MB\n", c, cr
    printf "hugo:    median %.2f s, peak RSS %d MB\n", h, hr
    printf "ratio capaian/Hugo: %.2f (below 1: capaian is faster)\n", c / h
}'

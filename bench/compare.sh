#!/bin/sh
# capaian against Hugo on the same large report, alternating, in one run, on one file system.
#
#   [TMPDIR=DIR] bench/compare.sh [YEARS PKS INDICATORS [PAIRS]]     defaults: 10 50 20 5
#
# Generates the synthetic report (the `gen-content` example: YEARS × PKS × INDICATORS
# indicator-years, four realisations each), builds it once with capaian to count its pages,
# then generates from the same data a Hugo site with as many pages holding the same tables as
# Markdown (dashboard, years, PKs, indicators, validation pages, forms, SOP, chapters; appendix
# pages make up the kinds Hugo has no match for). After one untimed build of each (warm-up),
# PAIRS pairs of builds, capaian and Hugo alternately (odd pairs capaian first, even pairs Hugo
# first, so that a drift of the machine's load falls on both), each into an output folder
# that does not exist (the previous one is deleted and `sync` flushes every write before the
# build starts, untimed, for both tools), under GNU time -v: wall, CPU (user) and system time,
# peak memory (maximum resident set). Prints every pair, the medians, the median of the
# pairs' ratios capaian/Hugo (below 1: capaian is faster), the bytes each wrote (`du -sb`:
# files and folders; and the files alone), what each kind of capaian's page weighs, and the
# machine's load average before and after.
#
# The work folder is made under $TMPDIR (default /tmp, which may be a disk or tmpfs: the file
# system is printed). Both tools build in it, so both run on the same file system:
#   TMPDIR=/var/tmp bench/compare.sh      # a disk (check with `df -T /var/tmp`)
#   TMPDIR=/dev/shm bench/compare.sh      # tmpfs: the tools rather than the disk
#
# Needs hugo and GNU time (Debian: apt-get install -y hugo time); run as root on Debian, it
# installs the missing ones itself. On a shared machine, compare runs taken at a low load only.
set -eu

YEARS=${1:-10}
PKS=${2:-50}
INDICATORS=${3:-20}
PAIRS=${4:-5}
case "$PAIRS" in '' | *[!0-9]*) echo "error: PAIRS must be a number" >&2; exit 2 ;; esac

missing() {
    for tool in hugo /usr/bin/time; do
        command -v "$tool" >/dev/null 2>&1 || return 0
    done
    return 1
}
if missing && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing hugo and time (apt-get)" >&2
    apt-get install -y -q hugo time >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null && apt-get install -y -q hugo time >/dev/null; }
fi
for tool in hugo /usr/bin/time; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "error: $tool is missing; on Debian: apt-get install -y hugo time" >&2
        exit 2
    fi
done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

cd "$(dirname "$0")/.."
# CAPAIAN and GEN name binaries to use instead of building them (e.g. a build to compare).
if [ -z "${CAPAIAN:-}" ] || [ -z "${GEN:-}" ]; then
    cargo build --release --quiet --bin capaian --example gen-content
fi
CAPAIAN=${CAPAIAN:-$PWD/target/release/capaian}
GEN=${GEN:-$PWD/target/release/examples/gen-content}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/capaian-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
REPORT=$WORK/report
HUGO=$WORK/hugo
C_OUT=$REPORT/output
H_OUT=$WORK/hugo-public

"$GEN" --years "$YEARS" --pks "$PKS" --indicators "$INDICATORS" --seed 1 "$REPORT/content" 2>&1
"$CAPAIAN" build --content "$REPORT/content" --output "$C_OUT" >/dev/null 2>&1
PAGES=$(find "$C_OUT" -name '*.html' | wc -l)
# The same seed gives the same data: the content is written again, byte for byte.
"$GEN" --years "$YEARS" --pks "$PKS" --indicators "$INDICATORS" --seed 1 \
    --hugo "$HUGO" --hugo-pages "$PAGES" "$REPORT/content" 2>&1 | tail -n 1
hugo --source "$HUGO" --destination "$H_OUT" --quiet
HUGO_PAGES=$(find "$H_OUT" -name '*.html' | wc -l)

# One timed build: deletes the previous output, flushes every pending write, then runs the
# tool under GNU time -v. Appends "wall user sys peak_kb" to $WORK/<name>.times.
run() {
    name=$1 out=$2
    shift 2
    rm -rf "$out"
    sync
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/$name.stderr" || {
        echo "error: $name failed:" >&2
        cat "$WORK/$name.stderr" >&2
        exit 1
    }
    awk -F': ' '
        /Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); wall = 0
            for (i = 1; i <= n; i++) wall = wall * 60 + p[i]
        }
        /User time/ { user = $2 }
        /System time/ { sys = $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.2f %.2f %.2f %d\n", wall, user, sys, rss }
    ' "$WORK/time.txt" >>"$WORK/$name.times"
}
capaian() { run capaian "$C_OUT" "$CAPAIAN" build --content "$REPORT/content" --output "$C_OUT"; }
hugo_build() { run hugo "$H_OUT" hugo --source "$HUGO" --destination "$H_OUT" --quiet; }

echo "pages: capaian $PAGES, Hugo $HUGO_PAGES"
echo "pair  capaian: wall  user   sys  peak MB | Hugo: wall  user   sys  peak MB | ratio"
i=1
while [ "$i" -le "$PAIRS" ]; do
    if [ $((i % 2)) = 1 ]; then capaian; hugo_build; else hugo_build; capaian; fi
    c=$(tail -n 1 "$WORK/capaian.times")
    h=$(tail -n 1 "$WORK/hugo.times")
    echo "$i $c $h" | awk '{ printf "%4d  %13.2f %5.2f %5.2f %8d | %10.2f %5.2f %5.2f %8d | %5.2f\n",
        $1, $2, $3, $4, $5 / 1024, $6, $7, $8, $9 / 1024, $2 / $6 }'
    echo "$c $h" | awk '{ print $1 / $5 }' >>"$WORK/ratios"
    i=$((i + 1))
done

# The median of column $2 of file $1.
median() {
    sort -g -k"$2,$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# Bytes of files and folders as du counts them (-b: apparent sizes), and of the files alone.
bytes() { du -sb "$1" | cut -f1; }
file_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(hugo version | cut -d' ' -f1-2)"
echo "work folder: $WORK ($(df -T "$WORK" | awk 'NR == 2 { print $2 }'))"
echo "load average: before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "content: $YEARS years × $PKS PKs × $INDICATORS indicators; pages: capaian $PAGES, Hugo $HUGO_PAGES; $PAIRS pairs, alternating"
for name in capaian hugo; do
    f=$WORK/$name.times
    if [ "$name" = capaian ]; then out=$C_OUT; else out=$H_OUT; fi
    printf '%-8s median wall %.2f s, user %.2f s, sys %.2f s, peak RSS %d MB (max %d MB); wrote %d bytes (du -sb; files alone %d bytes, %d files)\n' \
        "$name:" "$(median "$f" 1)" "$(median "$f" 2)" "$(median "$f" 3)" \
        "$(($(median "$f" 4 | cut -d. -f1) / 1024))" "$(($(sort -n -k4,4 "$f" | tail -n 1 | cut -d' ' -f4) / 1024))" \
        "$(bytes "$out")" "$(file_bytes "$out")" "$(find "$out" -type f | wc -l)"
done
awk -v c="$(median "$WORK/capaian.times" 1)" -v h="$(median "$WORK/hugo.times" 1)" \
    -v r="$(median "$WORK/ratios" 1)" -v cb="$(bytes "$C_OUT")" -v hb="$(bytes "$H_OUT")" \
    -v cf="$(file_bytes "$C_OUT")" -v hf="$(file_bytes "$H_OUT")" 'BEGIN {
    printf "median ratio capaian/Hugo of the pairs: %.2f (ratio of the medians %.2f; below 1: capaian is faster)\n", r, c / h
    printf "bytes capaian/Hugo: %.2f (du -sb), %.2f (files alone)\n", cb / hb, cf / hf
}'

# What each kind of capaian's page weighs (files only).
echo
echo "capaian's output by kind (files, bytes, mean bytes a file):"
(cd "$C_OUT" && find . -type f -printf '%s %p\n') | awk '{
    p = $2
    if (p ~ /\/cetak\//) k = "print page (a year)"
    else if (p ~ /\/indikator\//) k = "indicator page"
    else if (p ~ /\/formulir\//) k = "form"
    else if (p ~ /\/pk\/[^\/]*\/index\.html$/) k = "PK page"
    else if (p ~ /search-index\.json$/) k = "search index"
    else if (p ~ /^\.\/data\//) k = "data export (json, csv)"
    else if (p ~ /^\.\/[0-9]+\/index\.html$/) k = "year page"
    else if (p ~ /\.html$/) k = "other page"
    else k = "other file"
    s[k] += $1; n[k]++
} END { for (k in s) printf "  %-24s %6d %11d %9d\n", k, n[k], s[k], s[k] / n[k] }' | sort

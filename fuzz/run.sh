#!/usr/bin/env bash
# Runs concord's fuzz targets with libFuzzer. Needs a nightly toolchain (`rustup toolchain
# install nightly`); uses cargo-fuzz when it is installed, else the same compiler flags directly.
#
#   fuzz/run.sh                 every target for 60 s (the CI smoke run)
#   fuzz/run.sh 1200 pipeline   one target for 20 minutes (a long run)
#
# Inputs that crash land in fuzz/artifacts/<target>/; reproduce one with
# `fuzz/target/x86_64-unknown-linux-gnu/release/<target> fuzz/artifacts/<target>/crash-...`.
# The corpus grows in fuzz/corpus/<target>/ (seeded from seeds/, rules/ and the development
# corpus by seed-corpus.py) and is kept between runs.
set -euo pipefail
cd "$(dirname "$0")"

SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(pipeline rule_pack project)

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz: no nightly toolchain; skipping (install one with: rustup toolchain install nightly)"
    exit 0
fi

python3 seed-corpus.py
# The rules are loaded once per process, so libFuzzer's threads would only contend for the two
# cores: one document pipeline at a time.
export RAYON_NUM_THREADS=1
HOST=$(rustc -vV | sed -n 's/^host: //p')
if cargo +nightly fuzz --help >/dev/null 2>&1; then
    build() { cargo +nightly fuzz build --sanitizer none "$1"; }
else
    # What `cargo fuzz build --sanitizer none` passes. `--target` keeps build scripts and
    # procedural macros out of the instrumentation.
    export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
    # Not --locked: fuzz/Cargo.lock follows whatever concord depends on at the time.
    build() { cargo +nightly build --release --target "$HOST" --bin "$1"; }
fi
for t in "${TARGETS[@]}"; do
    build "$t"
    mkdir -p "artifacts/$t"
    "target/$HOST/release/$t" "corpus/$t" -max_total_time="$SECONDS_EACH" \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 -max_len=16384
done

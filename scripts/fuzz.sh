#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a bounded time. See Fuzz/README.md.
#
#   scripts/fuzz.sh [target ...]        # all five when none is named
#   FUZZ_SECONDS=600   time per target (make fuzz: 600)
#   FUZZ_PARALLEL=1    targets run at once (the machine's cores are shared: keep it small)
#   FUZZ_SCRATCH=.build-fuzz   build and working-corpus folder (never the plain .build)
#
# The modules under test are built by SwiftPM into their own scratch folder with coverage
# instrumentation and AddressSanitizer (-sanitize=fuzzer,address, -enable-testing so a target may use
# internal API); each Fuzz/<Target>.swift is then compiled and linked against those objects with
# swiftc, which adds libFuzzer's main. Exit status 1 when any target found a crash; the input is kept
# in $FUZZ_SCRATCH/artifacts/<target>/ — add it as a regression test, fix, rerun.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SWIFTC=${SWIFTC:-swiftc}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-600}
PARALLEL=${FUZZ_PARALLEL:-1}
SCRATCH=${FUZZ_SCRATCH:-.build-fuzz}
PKG="$SCRATCH/pkg"
OBJ="$PKG/release"
BIN="$SCRATCH/bin"
ALL=(update-decoder callback-codec normaliser source-links config-loader)
TARGETS=("${@:-${ALL[@]}}")

# target → Swift file, the package modules it needs (their objects are linked), max input length.
source_of() { case $1 in
    update-decoder) echo UpdateDecoder ;; callback-codec) echo CallbackCodec ;; normaliser) echo Normaliser ;;
    source-links) echo SourceLinks ;; config-loader) echo ConfigLoader ;;
    *) echo "unknown fuzz target '$1' (known: ${ALL[*]})" >&2; exit 2 ;; esac; }
modules_of() { case $1 in
    update-decoder) echo BotAPI ;; callback-codec) echo Conversation Casework ;;
    normaliser | config-loader) echo Settings Casework Yams CYaml ;; source-links) echo Casework ;; esac; }
max_len_of() { case $1 in update-decoder) echo 16384 ;; *) echo 4096 ;; esac; }

for t in "${TARGETS[@]}"; do source_of "$t" >/dev/null; done

echo "== building the instrumented modules into $PKG"
flags=(-c release --scratch-path "$PKG" -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xcc -fsanitize=address)
needed=$(for t in "${TARGETS[@]}"; do modules_of "$t"; done | tr ' ' '\n' | sort -u)
# Settings brings Casework and Yams; Conversation brings Casework.
for top in BotAPI Conversation Settings; do
    if grep -qx "$top" <<<"$needed" || { [ $top = Settings ] && grep -qx Yams <<<"$needed"; }; then
        "$SWIFT" build "${flags[@]}" --target "$top"
    fi
done
grep -qx Casework <<<"$needed" && ! grep -qxE 'Conversation|Settings' <<<"$needed" && "$SWIFT" build "${flags[@]}" --target Casework

mkdir -p "$BIN"
cyaml_map=$(find "$PKG/checkouts" -path '*CYaml/include/module.modulemap' | head -1)
for t in "${TARGETS[@]}"; do
    echo "== linking $BIN/$t"
    objects=()
    for m in $(modules_of "$t"); do
        while IFS= read -r o; do objects+=("$o"); done < <(find "$OBJ/$m.build" -name '*.o' | sort)
    done
    extra=()
    [ -n "$cyaml_map" ] && extra=(-Xcc "-fmodule-map-file=$cyaml_map")
    "$SWIFTC" -parse-as-library -O -sanitize=fuzzer,address -use-ld=lld -I "$OBJ/Modules" "${extra[@]}" \
        "Fuzz/$(source_of "$t").swift" "${objects[@]}" -o "$BIN/$t"
done

run() {
    local t=$1 status work="$SCRATCH/corpus/$1" art="$SCRATCH/artifacts/$1/" log="$SCRATCH/logs/$1.log"
    mkdir -p "$work" "$art" "$(dirname "$log")" "Fuzz/corpus/$t"
    # New inputs go to the working corpus in the scratch folder; the committed seeds stay small.
    # Swift's own backtracer is off so AddressSanitizer and libFuzzer report the crash and keep the input.
    SWIFT_BACKTRACE=enable=no FUZZ_CONFIG="$PWD/Config" "$BIN/$t" "$work" "Fuzz/corpus/$t" -max_total_time="$SECONDS_PER_TARGET" \
        -max_len="$(max_len_of "$t")" -timeout=10 -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$art" >"$log" 2>&1 && status=0 || status=$?
    local last stats
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    stats=$(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
    if [ $status -eq 0 ]; then
        echo "== $t: no crash in ${SECONDS_PER_TARGET}s; executions ${stats:-?}; last: $last"
    else
        echo "== $t: FAILED (status $status), see $log and $art"
        grep -E 'ERROR|Fatal error|Precondition|==[0-9]+==' "$log" | head -5
    fi
    return $status
}

echo "== fuzzing ${TARGETS[*]} for ${SECONDS_PER_TARGET}s each, $PARALLEL at a time (logs in $SCRATCH/logs)"
failed=0
pids=()
names=()
for t in "${TARGETS[@]}"; do
    run "$t" &
    pids+=($!); names+=("$t")
    if [ ${#pids[@]} -ge "$PARALLEL" ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}"); names=("${names[@]:1}")
    fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
exit $failed

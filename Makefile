# The two everyday commands: `make demo` and `make test`.
SWIFT ?= swift
RELEASE_FLAGS = -c release --static-swift-stdlib

.PHONY: deps build test demo fuzz bench release clean spec-extract accuracy train-screening

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

## Run every test (unit, integration over loopback against the sandbox). One at a time: the
## end-to-end suites each run a whole service, and on two cores they would only starve each other.
test: deps
	scripts/check-floors.sh
	$(SWIFT) build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

## Run the demo against the embedded Bot API sandbox (no token, no network).
demo: deps
	$(SWIFT) run otklik demo

## The Bot API extract the conformance tests read (Tests/BotAPITests/Fixtures/bot-api-extract.json),
## made from Telegram's full machine-readable spec; says whether the committed one is current.
## SPEC=path/to/api.json (default: ../shared/reference/telegram-bot-api/api.json).
spec-extract:
	python3 scripts/spec-extract.py $(if $(SPEC),--spec $(SPEC))

## Fuzz the update decoder, callback codec, screening normaliser, source-link parser and config
## loader with libFuzzer, FUZZ_SECONDS (default 600) each; not part of `make test`. See Fuzz/README.md.
fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} scripts/fuzz.sh

## Measure the service (issue 8): release build, the real `otklik run` against the sandbox; prints a
## table and writes Benchmarks/results.json. About 10 minutes. BENCH_ARGS=--quick for a short trial.
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path .build-bench --product otklik
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path .build-bench --product otklik-bench
	.build-bench/release/otklik-bench $(BENCH_ARGS)

## The production binary: optimised, the Swift runtime and Foundation linked in (nothing but libc,
## libcurl, libsqlite3 and OpenSSL needed on the server, and librsvg for the report charts, loaded when one is drawn; ~20 % faster and ~6 MB smaller in memory
## than linking them dynamically). Result: .build-release/release/otklik. Takes several minutes.
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path .build-release --product otklik

clean:
	rm -rf .build

# § 11 screening: precision and recall per class on the held-out corpora, then five-fold
# cross-validation of the threat model on the training sets (not part of `make test`;
# ScreeningCorpusTests pins the held-out figures). A few minutes.
accuracy: deps
	$(SWIFT) build --product otklik
	mkdir -p .build && python3 scripts/screening-training-set.py > .build/screening-train.jsonl
	.build/debug/otklik screen --accuracy Tests/Fixtures/Screening/holdout.jsonl Tests/Fixtures/Screening/holdout-2.jsonl Tests/Fixtures/Screening/holdout-3.jsonl Tests/Fixtures/Screening/holdout-4.jsonl Tests/Fixtures/Screening/holdout-5.jsonl
	.build/debug/otklik screen --train .build/screening-train.jsonl --folds 5

# Retrains Config/screening/threat-model.json on dev.jsonl, train-*.jsonl and the tuning half (odd lines) of the
# earlier set; never on the held-out corpora.
train-screening: deps
	$(SWIFT) build --product otklik
	mkdir -p .build && python3 scripts/screening-training-set.py > .build/screening-train.jsonl
	.build/debug/otklik screen --train .build/screening-train.jsonl

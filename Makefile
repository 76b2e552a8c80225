# The two everyday commands: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: deps build test demo fuzz clean

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

## Run every test (unit, integration over loopback against the sandbox).
test: deps
	$(SWIFT) build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Run the demo against the embedded Bot API sandbox (no token, no network).
demo: deps
	$(SWIFT) run otklik demo

## Fuzz the update decoder, callback codec, screening normaliser, source-link parser and config
## loader with libFuzzer, FUZZ_SECONDS (default 600) each; not part of `make test`. See Fuzz/README.md.
fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} scripts/fuzz.sh

clean:
	rm -rf .build

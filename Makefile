# The two everyday commands: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: deps build test demo clean

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

clean:
	rm -rf .build

# The two commands of the README:
#   make dev    set up, build the Worker and serve tokens on http://127.0.0.1:8787 (demo credentials)
#   make test   set up and run every test
# Each sub-target can also be run alone once `make setup` has run.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export WRANGLER_SEND_METRICS := false
export CLOUDFLARE_CF_FETCH_ENABLED := false

.PHONY: bench setup setup-dev dev test test-core test-js test-worker test-server test-page test-security test-fuzz test-python test-conformance lint

setup:
	bash .ci/setup.sh

setup-dev:
	bash .ci/setup.sh dev

dev: setup-dev
	bash .ci/dev.sh

test: setup lint test-core test-js test-worker test-server test-page test-security test-fuzz test-python test-conformance
	@echo "all test suites passed"

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features --document-private-items

test-core:
	bash .ci/test-core.sh

test-js:
	bash .ci/test-js.sh

test-worker:
	bash .ci/test-worker.sh

# The native server (agora-token-server) and the suites it shares with the Worker.
test-server:
	bash .ci/test-server.sh

test-page:
	bash .ci/test-page.sh

test-fuzz:
	bash .ci/fuzz-smoke.sh

# The Python package (python/): one release wheel, then the pytest suite.
test-python:
	bash .ci/test-python.sh

# The conformance table on every surface (core, CLI, npm entries, Python APIs, Worker), printed
# as a matrix; after test-js and test-python, whose package and wheel it runs.
test-conformance:
	bash .ci/test-conformance.sh

# Security: canary certificate, hostile catalogue (core, npm, Worker), bombs, soak, scan.
test-security:
	bash .ci/test-security.sh

# Every benchmark (native, npm size, Node, Worker) and one table; not part of
# `make test` (see README, section Performance).
bench: setup
	bash .ci/bench.sh

# labcore's front door. `make` lists the targets; CI runs `make test` (see .ci/run), exactly as a newcomer does.
# Every target installs what it needs first (scripts/setup.sh), skipping what is already there.

SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
SAMPLE ?= examples/samples/cmp.json
FUZZ_SECONDS ?= 20

.PHONY: help setup run pipeline test test-rust test-python test-labsecure test-node test-wasm test-packages wasm lint fmt fuzz bench bench-python bench-deid bench-wasm bench-labsecure doc clean

help: ## list the targets
	@echo "labcore — make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

setup: ## install the toolchain pieces and test data the project needs (idempotent)
	@scripts/setup.sh rust fhir-schema

run: setup ## the main job: pre-check the shipped sample payload and print its normalised report
	@$(CARGO) build --quiet -p labcore-precheck
	@target/debug/labcore-precheck --pretty $(SAMPLE)

pipeline: ## LabSecure on this machine: moto, every resource, worker, API, portal; submits the samples, prints statuses, email, report URL, the portal URL and demo accounts; serves until Ctrl-C (ARGS=--once to exit)
	scripts/test-labsecure.sh --pipeline $(ARGS)

test: setup lint test-rust test-python test-labsecure test-node test-wasm test-packages fuzz ## every test, every language (what CI runs)
	@echo "make test: all green"

test-rust: ## Rust: unit, integration, property, conformance, doc and README tests; bench smoke run
	$(CARGO) test --workspace --all-targets --quiet
	$(CARGO) test --workspace --doc --quiet
	scripts/check-deps.sh
	scripts/check-versions.py

test-python: ## Python: build the wheel, install it in a fresh venv, pytest (conformance, errors, threads, README, Flask example), mypy --strict, stubtest
	scripts/test-python.sh

test-labsecure: ## LabSecure (examples/labsecure): ruff, mypy --strict, pytest against moto (every failure mode, PHI, the portal: routes x roles, security controls, headless Chromium + axe), the pipeline demo once, terraform fmt and checkov
	scripts/test-labsecure.sh

test-node: ## Node: build the napi addon, check the committed index.d.ts, node --test (conformance, errors), tsc --strict
	scripts/test-node.sh

test-wasm: ## WASM: build the browser and full modules (wasm-bindgen, wasm-opt), node --test (conformance vs the Node addon, errors, conversions), headless Chromium (the corpus and the pre-check form), tsc --strict
	scripts/test-wasm.sh

test-packages: ## every package built from its own archive (cargo package, sdist -> wheel in a fresh venv, npm pack of the Node and WASM packages into empty projects, one call each); licences, NOTICE and version checked in each archive
	scripts/test-packages.sh

wasm: ## build the WebAssembly package into bindings-wasm/pkg (prints each module's raw and gzipped size)
	scripts/build-wasm.sh

lint: ## rustfmt and clippy (warnings are errors)
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings
	$(CARGO) clippy -p labcore-wasm --target wasm32-unknown-unknown --no-default-features --quiet -- -D warnings

fmt: ## format the code
	$(CARGO) fmt --all

fuzz: ## fuzz the JSON, HL7 v2 and FHIR readers, the text parsers and redaction for FUZZ_SECONDS each (cargo-fuzz, installed by setup)
	@scripts/setup.sh fuzz
	mkdir -p fuzz/corpus/payload fuzz/corpus/text fuzz/corpus/hl7 fuzz/corpus/fhir fuzz/corpus/redact
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run payload corpus/payload seeds/payload -- \
		-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=65536
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run text corpus/text seeds/text -- \
		-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=4096
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run hl7 corpus/hl7 seeds/hl7 -- \
		-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=65536
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run fhir corpus/fhir seeds/fhir -- \
		-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=131072
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run redact corpus/redact seeds/redact -- \
		-max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=16384

bench: setup ## criterion benchmarks, the labcore/serde ratio and labcore vs python-hl7 on HL7 (release build; several minutes)
	@scripts/setup.sh python
	$(CARGO) bench -p labcore-benches

bench-deid: ## free-text de-identification, labcore vs Presidio in one run on the Faker held-out split and the two existing corpora (recall per category, non-PHI removed, comments/s)
	@scripts/setup.sh deid
	$(CARGO) build --release --quiet -p labcore-benches --example deid_spans
	.venv-deid/bin/python benches/python/deid_vs_presidio.py

bench-python: ## the Python binding against orjson.loads and pydantic on the benchmark payloads (builds the wheel)
	scripts/test-python.sh --bench

bench-wasm: ## the WASM modules' per-payload time in Node against the napi addon, same payloads, one process
	@mkdir -p target/wasm-bench
	$(CARGO) run --quiet --release -p labcore-benches --example dump_payloads -- target/wasm-bench/payloads.jsonl
	scripts/test-wasm.sh --bench ../target/wasm-bench/payloads.jsonl

bench-labsecure: ## push 5 000 generated payloads through the local LabSecure stack: results/s, ingest→READY p50/p95, worker CPU share in labcore
	scripts/test-labsecure.sh --bench $(ARGS)

doc: ## API documentation
	$(CARGO) doc --workspace --no-deps

clean: ## remove build output
	$(CARGO) clean

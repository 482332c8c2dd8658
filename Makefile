# Jasaq: `make run` to start the desktop app, `make test` for every check.
# Everything the project needs is installed by scripts/install-deps.sh, idempotently.

SHELL := /bin/bash
CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
APP := $(CARGO_TARGET_DIR)/debug/jasaq-desktop

.PHONY: run test deps ui app fmt-check clippy rust-test ui-test e2e bench bindings clean

run: app
	$(APP)

deps:
	@scripts/install-deps.sh

ui: deps
	cd ui && npm run build

app: ui
	cargo build --workspace

test: deps fmt-check clippy rust-test ui-test e2e

fmt-check:
	cargo fmt --all -- --check

# Clippy and the Tauri build embed ui/build, so the UI is built first.
clippy: ui
	cargo clippy --workspace --all-targets -- -D warnings

rust-test: ui
	cargo test --workspace

ui-test: deps
	cd ui && npm run check && npm run check:e2e && npm test

# The real desktop window under Xvfb, driven by WebdriverIO through tauri-driver.
e2e: app
	cd ui && PATH="$$HOME/.cargo/bin:$$PATH" xvfb-run -a --server-args="-screen 0 1400x900x24" npm run e2e

bench:
	cargo bench --workspace

bindings:
	UPDATE_BINDINGS=1 cargo test --test bindings

clean:
	cargo clean
	rm -rf ui/build ui/.svelte-kit

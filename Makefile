# newsift: `make demo` and `make test` work on a fresh machine with only Python and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= build/demo.db
DEMO ?= examples
PORT ?= 8000
SERVE ?=
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: install demo test check lint security clean bench contract

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

demo: install
	@mkdir -p build
	$(BIN)/newsift --db $(DB) ingest $(DEMO)
	$(BIN)/newsift --db $(DB) articles
	$(BIN)/newsift --db $(DB) entities --limit 20
	$(BIN)/newsift --db $(DB) events
	$(BIN)/newsift --db $(DB) quotes
	$(BIN)/newsift --db $(DB) stories --limit 10
	@echo "Web UI over the demo data: http://127.0.0.1:$(PORT)/  ($(if $(SERVE),serving now; Ctrl-C stops,run 'make demo SERVE=1' to serve it))"
	$(if $(SERVE),$(BIN)/newsift --db $(DB) serve --port $(PORT),@true)

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

# pip-audit asks the vulnerability database about every installed distribution. Offline (or when the
# database knows none of them) nothing is audited: say so on one line and pass; findings fail the build.
define PIP_AUDIT_SUMMARY
import json, sys
try:
    deps = json.load(open(sys.argv[1]))["dependencies"]
except (OSError, ValueError, KeyError):
    deps = []
audited = [d for d in deps if "vulns" in d]
if not audited:
    log = open(sys.argv[2], errors="replace").read().strip().splitlines() or ["no reason given"]
    why = f"it knew none of the {len(deps)} packages" if deps else log[-1][:200]
    print(f"pip-audit: SKIPPED, the vulnerability database could not be reached ({why}); nothing was audited")
    sys.exit(0)
found = [(d["name"], d["version"], v["id"], v.get("fix_versions") or ["none yet"]) for d in audited for v in d["vulns"]]
for name, version, vuln, fixes in found:
    print(f"pip-audit: {name} {version}: {vuln}, fixed in {', '.join(fixes)}")
print(f"pip-audit: {len(audited)} packages audited ({len(deps) - len(audited)} unknown to the database), {len(found)} known vulnerabilities")
sys.exit(1 if found else 0)
endef
export PIP_AUDIT_SUMMARY

security: install
	$(BIN)/bandit -ll -q -r src
	@mkdir -p build && rm -f build/pip-audit.json
	@$(BIN)/pip-audit --progress-spinner off --skip-editable --timeout 15 -f json -o build/pip-audit.json \
		>build/pip-audit.log 2>&1 || true
	@$(BIN)/python -c "$$PIP_AUDIT_SUMMARY" build/pip-audit.json build/pip-audit.log

# The OpenAPI document against a live server: schemathesis, bounded, zero failures (schemathesis.toml).
# `make test` runs it too; this target runs it alone.
contract: install
	$(BIN)/python -m pytest -q tests/web/test_web_schemathesis.py

check: lint security test

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache

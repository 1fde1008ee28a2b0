# The two commands: `make run` serves the portal with demo data (and runs its job worker), `make test`
# runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install backup restore loadtest audit-security bench bench-load scale-demo

$(VENV)/.installed: requirements.txt requirements-test.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_units
	$(BIN)/python manage.py load_routing
	$(BIN)/python manage.py load_demo
	@echo "Cổng Thi đua: http://127.0.0.1:8000 (cùng bộ xử lý việc nền; Ctrl+C dừng cả hai)"
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile -p 8000

test: install
	$(BIN)/python -m pytest -n auto

# A backup of the database and every stored file (see README, "Backups"); a restore checks it first.
backup: install
	$(BIN)/python manage.py backup_portal

restore: install
	@test -n "$(BACKUP)" || (echo "Cho biết tệp sao lưu: make restore BACKUP=var/backups/thidua-....tar" && exit 2)
	$(BIN)/python manage.py restore_portal "$(BACKUP)"

# The portal as deployed, worked by 50 clerks, reviewers and leaders at once for a minute on a database of its own;
# fails on any failed request or any record that disagrees with the rules (LOADTEST_USERS, LOADTEST_SECONDS).
loadtest: install
	bash tests/load/run.sh

# The security checks as one table (deploy check, bandit, production headers, security settings); CI runs it.
audit-security: install
	$(BIN)/python manage.py audit_security

# The national benchmark: builds once, in a database of its own, a country's worth of data (SCALE=1: 1,000,000
# people, 3,000,000 award records, 20,000 dossiers …; SCALE=0.1 for a quicker look), then times every role's
# pages against their SQL floors and writes the table as JSON. DATABASE_URL=postgres://… runs it on PostgreSQL.
SCALE ?= 1
bench: install
	SQLITE_PATH=var/national.sqlite3 $(BIN)/python manage.py migrate --noinput
	SQLITE_PATH=var/national.sqlite3 $(BIN)/python manage.py benchmark --national --scale $(SCALE) --repeat 50 \
		--json var/national-$(SCALE).json

# The same data under load: gunicorn as deployed, locust opening every role's pages with 8 and 32 people for
# 60 s each; then the 100,000-line Excel export as its job runs it.
bench-load: install
	SQLITE_PATH=var/national.sqlite3 $(BIN)/python manage.py migrate --noinput
	SQLITE_PATH=var/national.sqlite3 $(BIN)/python manage.py benchmark --national --scale $(SCALE) --load --export \
		--json var/national-load-$(SCALE).json

# Two app servers, two RQ workers, PostgreSQL, Redis and a local S3 bucket on loopback, checked end to end.
scale-demo: install
	bash deploy/scale_demo.sh

#!/usr/bin/env bash
# The ACS example under load and failures (bench/acs_load.py): installs what it needs,
# then runs it on loopback: redis-server, gunicorn with 4 workers, 20,000+ signed
# responses (made once by examples/python/acs_service/fixtures.py, kept in target/acs-load).
# Not a test: not run by CI; it prints PASS/FAIL per check and exits 1 on a violation.
#
#   bench/acs-load.sh [acs_load.py options, e.g. --valid 40000 --concurrency 64]
#
# Needs: python3 (>= 3.9, venv, pip), openssl, access to PyPI; redis-server is installed
# with apt-get when missing. The trustmeta wheel: $TRUSTMETA_WHEEL, else the one in
# target/wheels, else built there by scripts/build-release.sh (as test-python.sh does).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
python=${PYTHON:-python3}
venv=$repo/target/acs-load-venv
pip_quiet=(--quiet --disable-pip-version-check)

if ! command -v redis-server >/dev/null && ! command -v valkey-server >/dev/null; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo -n"
  { $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server ||
    { $sudo_ apt-get update -q && $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server; }
  } >/dev/null 2>&1 || { echo "acs-load.sh: could not install redis-server" >&2; exit 1; }
fi

wheel=${TRUSTMETA_WHEEL:-}
if [ -z "$wheel" ]; then
  shopt -s nullglob
  wheels=(target/wheels/trustmeta-*.whl)
  if [ "${#wheels[@]}" -eq 0 ]; then
    TRUSTMETA_DIST=$repo/target/wheels PYTHON=$python scripts/build-release.sh wheel-manylinux2014-x86_64
    wheels=(target/wheels/trustmeta-*.whl)
  fi
  wheel=${wheels[0]}
fi

[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install "${pip_quiet[@]}" -r examples/python/acs_service/requirements.txt
"$venv/bin/python" -m pip install "${pip_quiet[@]}" --no-deps --force-reinstall "$wheel"
echo "acs-load.sh: trustmeta $("$venv/bin/python" -c 'import trustmeta; print(trustmeta.__version__)') from $wheel"
exec "$venv/bin/python" bench/acs_load.py "$@"

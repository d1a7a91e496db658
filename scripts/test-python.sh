#!/usr/bin/env bash
# Builds the x86_64 manylinux2014 wheel that is shipped (scripts/build-release.sh: maturin
# with zig, checked with `auditwheel show` and for glibc symbols newer than 2.17), installs
# it into a fresh virtualenv and runs the pytest suite (python/tests) against the installed
# wheel, never the source tree.
# Also checks that `pip install ./python` works, in a second virtualenv (skip with
# TRUSTMETA_SKIP_PIP_INSTALL=1). With --prepare it only builds both.
#
# Needs: python3 (>= 3.9, with venv and pip), a Rust toolchain (rustup), binutils, access
# to PyPI and crates.io, SoftHSM2 (scripts/softhsm.sh installs it with apt-get when
# missing), dnsmasq and redis-server (installed here with apt-get when missing), openssl.
# Environment: PYTHON (default python3), TRUSTMETA_SHARED (shared vectors, default
# ../shared beside the repository), CARGO_TARGET_DIR (default target), TRUSTMETA_PROFILE
# (the cargo profile `pip install ./python` builds in: release, the default, as pip
# does, or dev; scripts/test-all.sh takes dev, whose dependencies the Rust door has built,
# optimized, already).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
python=${PYTHON:-python3}
venv=$repo/target/py-venv
pip_quiet=(--quiet --disable-pip-version-check)

# Versions known to work; bump deliberately (maturin, zig and auditwheel: build-release.sh).
PYTEST=pytest==9.2.0
MYPY=mypy==2.4.1

# What the door builds: the wheel, and the extension again through `pip install ./python`.
# Only this runs with --prepare (scripts/test-all.sh builds the next door's artifacts at
# low priority while the one before runs its tests; then the door finds them built); the
# dev build is left to the door: built at low priority, it would hold the lock of the
# debug tree while the Rust door's commands wait for it.
profile=${TRUSTMETA_PROFILE:-release}
case "$profile" in
  release | dev) ;;
  *) echo "TRUSTMETA_PROFILE must be release or dev, not '$profile'" >&2; exit 2 ;;
esac
src_venv=$repo/target/py-venv-pip
build_wheel() {
  mkdir -p target/wheels
  rm -f target/wheels/trustmeta-*.whl
  TRUSTMETA_DIST=$repo/target/wheels PYTHON=$python scripts/build-release.sh wheel-manylinux2014-x86_64
}
install_from_source() {
  [ -x "$src_venv/bin/python" ] || "$python" -m venv "$src_venv"
  # maturin's build backend takes its `maturin build` options from MATURIN_PEP517_ARGS.
  MATURIN_PEP517_ARGS="--profile $profile" \
    "$src_venv/bin/python" -m pip install "${pip_quiet[@]}" --force-reinstall ./python
}
if [ "${1:-}" = --prepare ]; then
  build_wheel
  [ "${TRUSTMETA_SKIP_PIP_INSTALL:-0}" = 1 ] || [ "$profile" = dev ] || install_from_source
  exit 0
fi

# python/tests/test_pkcs11.py makes its own SoftHSM2 token with scripts/softhsm.sh, which
# installs softhsm2 and opensc when missing; run it once here so a machine that cannot
# have them fails now, and make the test fail rather than skip.
echo "== SoftHSM2"
hsm=$(mktemp -d)
bash scripts/softhsm.sh "$hsm" >/dev/null 2>"$hsm.log" || { cat "$hsm.log" >&2; exit 1; }
rm -rf "$hsm" "$hsm.log"
export TRUSTMETA_REQUIRE_SOFTHSM=1

# python/tests/test_smp_lookup.py runs a real DNS server, dnsmasq (Debian: dnsmasq-base,
# no service started); a machine without it fails those tests rather than skipping them.
echo "== dnsmasq"
if ! command -v dnsmasq >/dev/null && ! test -x /usr/sbin/dnsmasq; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo -n"
  $sudo_ apt-get install -y -q dnsmasq-base >/dev/null 2>&1 ||
    { $sudo_ apt-get update -q >/dev/null 2>&1 && $sudo_ apt-get install -y -q dnsmasq-base >/dev/null 2>&1; } ||
    { echo "test-python.sh: cannot install dnsmasq-base" >&2; exit 1; }
fi
export TRUSTMETA_REQUIRE_DNSMASQ=1

# python/tests/test_replay_cache.py and test_acs_service.py start a redis-server of their
# own on loopback; install it when missing (Debian: redis-server, no service started) and
# make those tests fail rather than skip.
echo "== redis-server"
if ! command -v redis-server >/dev/null && ! command -v valkey-server >/dev/null; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo -n"
  { $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server ||
    { $sudo_ apt-get update -q && $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server; }
  } >/dev/null 2>&1 || { echo "test-python.sh: could not install redis-server" >&2; exit 1; }
fi
export TRUSTMETA_REQUIRE_REDIS=1

echo "== x86_64 manylinux2014 wheel (scripts/build-release.sh)"
build_wheel
wheels=(target/wheels/trustmeta-*.whl)
[ "${#wheels[@]}" -eq 1 ] || { echo "expected one wheel, found: ${wheels[*]}" >&2; exit 1; }
wheel=${wheels[0]}
case "$wheel" in
  *-cp39-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl) ;;
  *) echo "unexpected wheel name: $wheel" >&2; exit 1 ;;
esac

echo "== fresh virtualenv $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install "${pip_quiet[@]}" "$PYTEST" "$MYPY"
# python/tests/test_acs_service.py serves examples/python/acs_service with gunicorn and
# signs its responses with lxml and cryptography (pinned in that folder).
"$venv/bin/python" -m pip install "${pip_quiet[@]}" -r examples/python/acs_service/requirements.txt
"$venv/bin/python" -m pip install "${pip_quiet[@]}" --no-deps "$wheel"

# Run from an empty directory so that `import trustmeta` can only find the wheel.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "${TRUSTMETA_SKIP_PIP_INSTALL:-0}" = 1 ]; then
  echo "== pip install ./python: skipped (TRUSTMETA_SKIP_PIP_INSTALL=1)"
else
  echo "== pip install ./python (second virtualenv)"
  install_from_source
  (cd "$work" && "$src_venv/bin/python" - "$repo" <<'PY'
import sys
from datetime import datetime, timezone
from pathlib import Path

import trustmeta

repo = Path(sys.argv[1])
assert "site-packages" in trustmeta.__file__, trustmeta.__file__
store = trustmeta.TrustStore.from_pem((repo / "tests/data/sample/signer.pem").read_bytes())
doc = trustmeta.verify((repo / "tests/data/sample/smp-signed.xml").read_bytes(), store, now=datetime(2026, 6, 1, tzinfo=timezone.utc))
print(f"pip install ./python: trustmeta {trustmeta.__version__} verifies the sample, signer {doc.signer_sha256}")
PY
  )
fi

echo "== pytest (against the installed wheel)"
cd "$work"
"$venv/bin/python" -m pytest "$repo/python/tests" -c "$repo/python/pyproject.toml" --rootdir "$repo/python" "$@"

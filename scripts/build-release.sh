#!/usr/bin/env bash
# Builds the release artifacts into dist/ and checks each one:
#   wheels   trustmeta-VERSION-cp39-abi3-{manylinux2014,musllinux_1_2}_{x86_64,aarch64}.whl
#            (one abi3 wheel per platform for every CPython >= 3.9): the x86_64
#            manylinux2014 tag checked with `auditwheel show`; each module may need only
#            its policy's libraries, and no glibc symbol newer than 2.17 (manylinux2014)
#            or none at all (musllinux)
#   sdist    trustmeta-VERSION.tar.gz (maturin sdist)
#   cli      trustmeta-VERSION-{x86_64,aarch64}-unknown-linux-musl.tar.gz, one statically
#            linked binary each (`file` must say so); the aarch64 one verifies the bundled
#            sample under qemu-aarch64-static (Debian's qemu-user-static, installed with
#            apt-get when missing)
# Everything is cross-compiled with zig as C compiler and linker (ring and aws-lc compile
# C and assembly per target), so one x86_64 Linux machine builds all of it; glibc 2.17
# comes from zig's own stubs, not from the build machine.
#
#   scripts/build-release.sh                  everything
#   scripts/build-release.sh ARTIFACT...      some of: wheel-manylinux2014-x86_64,
#       wheel-manylinux2014-aarch64, wheel-musllinux_1_2-x86_64, wheel-musllinux_1_2-aarch64,
#       sdist, cli-x86_64, cli-aarch64
#
# Needs: python3 (with venv), rustup, access to PyPI and crates.io. maturin, ziglang,
# cargo-zigbuild and auditwheel are installed, at the versions pinned below, into a
# virtualenv (target/release-venv); the Rust targets with `rustup target add`.
# Environment: TRUSTMETA_DIST (output folder, default dist/ in the repository, ignored
# by git), CARGO_TARGET_DIR (default target), PYTHON (default python3).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
case "$CARGO_TARGET_DIR" in /*) ;; *) CARGO_TARGET_DIR=$repo/$CARGO_TARGET_DIR ;; esac
dist=${TRUSTMETA_DIST:-$repo/dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

# One run at a time per repository: runs share the tools' virtualenv and the build trees
# (scripts/test-all.sh may build a wheel at low priority while the Rust door builds its CLI).
mkdir -p "$repo/target"
exec 9>"$repo/target/.build-release.lock"
flock 9

# Versions known to work together; bump deliberately.
MATURIN=maturin==1.16.0
ZIGLANG=ziglang==0.15.2
CARGO_ZIGBUILD=cargo-zigbuild==0.24.1
AUDITWHEEL=auditwheel==6.8.2

all=(wheel-manylinux2014-x86_64 wheel-manylinux2014-aarch64 wheel-musllinux_1_2-x86_64
  wheel-musllinux_1_2-aarch64 sdist cli-x86_64 cli-aarch64)
[ $# -gt 0 ] || set -- "${all[@]}"
for a in "$@"; do
  [[ " ${all[*]} " == *" $a "* ]] || { echo "build-release.sh: unknown artifact $a (one of: ${all[*]})" >&2; exit 2; }
done

version=$(cargo pkgid -p trustmeta-cli | sed 's/.*[#@]//')

# The tools, in their own virtualenv; its bin/ goes first on PATH so that maturin and
# cargo-zigbuild find this zig (`python -m ziglang`) and nothing else.
venv=$repo/target/release-venv
[ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "$MATURIN" "$ZIGLANG" "$CARGO_ZIGBUILD" "$AUDITWHEEL"
export PATH=$venv/bin:$PATH

add_target() {
  rustup target list --installed | grep -qx "$1" || rustup target add "$1"
}

# The newest GLIBC_x.y symbol version an ELF file's dynamic symbols ask for.
newest_glibc() {
  # GNU objdump reads a foreign architecture's dynamic symbols through its generic ELF
  # backend; readelf is the fallback when it cannot.
  { objdump -T "$1" 2>/dev/null || readelf --dyn-syms -W "$1"; } |
    grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1 || true
}

# The shared libraries an ELF file needs (its DT_NEEDED entries), one a line.
needed() {
  readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# wheel COMPATIBILITY ARCH: builds, then checks the tag and the native module's needs.
# `auditwheel show` judges a wheel against the libc of the machine it runs on, so it is
# asked about the manylinux wheels of this machine's architecture; every wheel's module
# is also checked directly: it may need only the libraries of its policy, a manylinux2014
# one no glibc symbol newer than 2.17 and a musllinux one no glibc symbol at all.
wheel() {
  local compat=$1 arch=$2 triple tag allowed
  case "$compat" in
    manylinux2014)
      triple=$arch-unknown-linux-gnu tag=manylinux_2_17_$arch
      allowed="libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libgcc_s.so.1 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1"
      ;;
    musllinux_1_2)
      # zig names musl's libc libc.so, which musl's dynamic loader answers with itself.
      triple=$arch-unknown-linux-musl tag=musllinux_1_2_$arch
      allowed="libc.so libc.musl-$arch.so.1"
      ;;
  esac
  add_target "$triple"
  rm -f "$dist"/trustmeta-"$version"-*"${compat}_$arch"*.whl
  maturin build --release --zig --target "$triple" --compatibility "$compat" \
    -m python/Cargo.toml -o "$dist"
  local whl
  whl=$(ls "$dist"/trustmeta-"$version"-*"${compat}_$arch"*.whl)
  if [ "$compat" = manylinux2014 ] && [ "$arch" = "$(uname -m)" ]; then
    echo "== auditwheel show $(basename "$whl")"
    local shown
    shown=$(auditwheel show "$whl" 2>&1) || { echo "$shown" >&2; exit 1; }
    echo "$shown"
    # auditwheel wraps its lines; join them before looking for the tag.
    tr -s ' \n' ' ' <<<"$shown" | grep -q "is consistent with the following platform tag: \"$tag\"" ||
      { echo "build-release.sh: $(basename "$whl") is not $tag" >&2; exit 1; }
  fi
  local unpacked newest so lib
  unpacked=$(mktemp -d)
  "$venv/bin/python" -m zipfile -e "$whl" "$unpacked"
  for so in "$unpacked"/trustmeta/*.so; do
    for lib in $(needed "$so"); do
      [[ " $allowed " == *" $lib "* ]] ||
        { echo "build-release.sh: $(basename "$so") of $(basename "$whl") needs $lib" >&2; exit 1; }
    done
    newest=$(newest_glibc "$so")
    echo "$(basename "$whl"): needs $(needed "$so" | tr '\n' ' ')newest glibc symbol version ${newest:+GLIBC_}${newest:-none}"
    case "$compat" in
      manylinux2014)
        [ "$(printf '%s\n' "$newest" 2.17 | sort -V | tail -1)" = 2.17 ] ||
          { echo "build-release.sh: $(basename "$so") needs GLIBC_$newest (> 2.17)" >&2; exit 1; } ;;
      musllinux_1_2)
        [ -z "$newest" ] || { echo "build-release.sh: $(basename "$so") needs glibc" >&2; exit 1; } ;;
    esac
  done
  rm -rf "$unpacked"
}

# cli ARCH: a static musl binary, packed as trustmeta-VERSION-TRIPLE.tar.gz.
cli() {
  local arch=$1 triple=$1-unknown-linux-musl
  add_target "$triple"
  cargo zigbuild --release --locked --target "$triple" -p trustmeta-cli
  local bin=$CARGO_TARGET_DIR/$triple/release/trustmeta desc
  desc=$(file -b "$bin")
  echo "$triple: $desc"
  case "$desc" in
    *"statically linked"* | *static-pie*) ;;
    *) echo "build-release.sh: $bin is not statically linked" >&2; exit 1 ;;
  esac
  if [ "$arch" = aarch64 ] && ! command -v qemu-aarch64-static >/dev/null && command -v apt-get >/dev/null; then
    local sudo_=""
    [ "$(id -u)" = 0 ] || sudo_="sudo -n"
    DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q --no-install-recommends qemu-user-static >/dev/null 2>&1 ||
      { $sudo_ apt-get update -q >/dev/null 2>&1 &&
        DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q --no-install-recommends qemu-user-static >/dev/null 2>&1; } ||
      echo "build-release.sh: could not install qemu-user-static; $triple is not run" >&2
  fi
  if [ "$arch" = aarch64 ] && command -v qemu-aarch64-static >/dev/null; then
    echo "== $triple under qemu-aarch64-static: verify the bundled sample"
    local out
    out=$(qemu-aarch64-static "$bin" verify --trust tests/data/sample/signer.pem \
      tests/data/sample/smp-signed.xml --at 2026-06-01T00:00:00Z) ||
      { echo "$out"; echo "build-release.sh: $triple did not verify the sample" >&2; exit 1; }
    head -3 <<<"$out"
  fi
  local stage
  stage=$(mktemp -d)
  mkdir "$stage/trustmeta-$version-$triple"
  install -m 755 "$bin" "$stage/trustmeta-$version-$triple/trustmeta"
  tar -C "$stage" --owner=0 --group=0 -czf "$dist/trustmeta-$version-$triple.tar.gz" "trustmeta-$version-$triple"
  rm -rf "$stage"
}

built=()
for a in "$@"; do
  echo "=== $a"
  start=$SECONDS
  case "$a" in
    wheel-*) rest=${a#wheel-}; wheel "${rest%-*}" "${rest##*-}" ;;
    sdist)
      rm -f "$dist/trustmeta-$version.tar.gz"
      maturin sdist -m python/Cargo.toml -o "$dist"
      ;;
    cli-*) cli "${a#cli-}" ;;
  esac
  built+=("$a: $((SECONDS - start)) s")
done

echo "=== built in $dist"
printf '%s\n' "${built[@]}"
(cd "$dist" && for f in trustmeta-*; do
  printf '%-76s %10s bytes  %s\n' "$f" "$(wc -c <"$f")" "$(numfmt --to=iec --suffix=B "$(wc -c <"$f")")"
done && sha256sum trustmeta-* >SHA256SUMS)
for a in "$@"; do
  case "$a" in cli-*)
    bin=$CARGO_TARGET_DIR/${a#cli-}-unknown-linux-musl/release/trustmeta
    printf '%-76s %10s bytes  %s\n' "(unpacked) ${a#cli-}-unknown-linux-musl/trustmeta" \
      "$(wc -c <"$bin")" "$(numfmt --to=iec --suffix=B "$(wc -c <"$bin")")" ;;
  esac
done

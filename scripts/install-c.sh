#!/usr/bin/env bash
# Installs the trustmeta C library into PREFIX, packaged like a system library:
#   PREFIX/include/trustmeta.h
#   PREFIX/lib/libtrustmeta.so.X.Y.Z, .so.SOVERSION -> (the SONAME), .so -> (for -ltrustmeta)
#   PREFIX/lib/libtrustmeta.a
#   PREFIX/lib/pkgconfig/trustmeta.pc
#   PREFIX/lib/cmake/trustmeta/trustmetaConfig.cmake, trustmetaConfigVersion.cmake
# The shared library is stripped and gets its SONAME (libtrustmeta.so.MAJOR, or .so.0.MINOR
# while the major version is 0: each 0.x may change the ABI, as cargo-c names them); the
# static one is stripped of debug information. Needs patchelf, strip and objdump.
#
#   scripts/install-c.sh PREFIX          builds the library first (cargo)
#   scripts/install-c.sh PREFIX --no-build
#
# Environment: CARGO_TARGET_DIR (default: target), TRUSTMETA_PROFILE (the cargo profile of
# the library: release, the default, or dev).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 PREFIX [--no-build]" >&2; exit 2; }
prefix=$(mkdir -p "$1" && cd "$1" && pwd)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
target=${CARGO_TARGET_DIR:-target}
case "$target" in /*) ;; *) target=$repo/$target ;; esac
profile=${TRUSTMETA_PROFILE:-release}
case "$profile" in
  release) built=$target/release ;;
  dev) built=$target/debug ;;
  *) echo "TRUSTMETA_PROFILE must be release or dev, not '$profile'" >&2; exit 2 ;;
esac
[ "${2:-}" = --no-build ] || CARGO_TARGET_DIR=$target cargo build -q -p trustmeta-ffi --profile "$profile"

version=$(cargo pkgid -p trustmeta-ffi | sed 's/.*[#@]//')
major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
if [ "$major" = 0 ]; then soversion="0.$minor"; else soversion=$major; fi
soname=libtrustmeta.so.$soversion

install -d "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/trustmeta"
install -m 644 include/trustmeta.h "$prefix/include/"
install -m 755 "$built/libtrustmeta.so" "$prefix/lib/libtrustmeta.so.$version"
strip --strip-unneeded "$prefix/lib/libtrustmeta.so.$version"
# The build tree's library has no SONAME, so that programs linked there find it by its
# file name; the installed one is named for its ABI, as a packaged library is.
patchelf --set-soname "$soname" "$prefix/lib/libtrustmeta.so.$version"
ln -sf "libtrustmeta.so.$version" "$prefix/lib/$soname"
ln -sf "$soname" "$prefix/lib/libtrustmeta.so"
install -m 644 "$built/libtrustmeta.a" "$prefix/lib/"
strip --strip-debug "$prefix/lib/libtrustmeta.a"
fill() { sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" -e "s|@SOVERSION@|$soversion|g" \
  -e "s|@MAJOR@|$major|g" -e "s|@MINOR@|$minor|g" "packaging/c/$1.in" >"$2"; }
fill trustmeta.pc "$prefix/lib/pkgconfig/trustmeta.pc"
fill trustmetaConfig.cmake "$prefix/lib/cmake/trustmeta/trustmetaConfig.cmake"
fill trustmetaConfigVersion.cmake "$prefix/lib/cmake/trustmeta/trustmetaConfigVersion.cmake"
size() { stat -c %s "$1"; }
echo "installed trustmeta $version into $prefix (SONAME $soname):" \
  "libtrustmeta.so $(size "$prefix/lib/libtrustmeta.so.$version") bytes," \
  "libtrustmeta.a $(size "$prefix/lib/libtrustmeta.a") bytes"

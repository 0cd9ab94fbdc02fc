#!/usr/bin/env bash
# -DMKTOWS_REGENERATE=ON works: on a copy of the sources without generated/,
# configures the whole project (apps, tests, examples on: every target that
# compiles binding files must configure), builds only the mktows_binding
# target (cheap), and checks that
#   1. the binding was generated into the build tree, identical to the
#      committed generated/, and compiled;
#   2. a second build does not regenerate;
#   3. touching an input (typemap.dat) regenerates;
#   4. changing the WSDL regenerates, and the change is in the new binding.
#
# usage: check_regenerate_option.sh SOURCE_DIR WORK_DIR [JOBS]
#   WORK_DIR is wiped first and removed on success (kept on failure).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 SOURCE_DIR WORK_DIR [JOBS]" >&2; exit 2; }
src=$(cd "$1" && pwd)
work=$2
jobs=${3:-2}

fail() { echo "FAIL: $*" >&2; exit 1; }

[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
mkdir -p "$work/src"
work=$(cd "$work" && pwd)
for item in CMakeLists.txt cmake src include wsdl scripts apps tests examples bench; do
  [ -e "$src/$item" ] && cp -r "$src/$item" "$work/src/"
done
[ ! -e "$work/src/generated" ] || fail "the copy must not have generated/"

build=$work/build
log=$work/log
cmake -S "$work/src" -B "$build" -DMKTOWS_REGENERATE=ON \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 >"$log.configure" 2>&1 \
  || { cat "$log.configure" >&2; fail "configure with -DMKTOWS_REGENERATE=ON failed"; }

build_binding() {  # build_binding NAME: builds mktows_binding, log in $log.NAME
  cmake --build "$build" --target mktows_binding -j "$jobs" >"$log.$1" 2>&1 \
    || { cat "$log.$1" >&2; fail "build $1 of mktows_binding failed"; }
}
regenerated() { grep -q "Regenerating the gSOAP binding" "$log.$1"; }

build_binding first
regenerated first || fail "the first build did not regenerate the binding"
for f in "$src"/generated/*; do
  name=$(basename "$f")
  [ -f "$build/generated/$name" ] || fail "$name was not generated into the build tree"
  cmp -s "$f" "$build/generated/$name" || fail "$name generated at build time differs from generated/$name"
done
[ "$(ls "$build/generated" | wc -l)" -eq "$(ls "$src/generated" | wc -l)" ] \
  || fail "the build tree has other files than generated/: $(ls "$build/generated")"
# The object's dependency file names the source it was compiled from.
deps=$(find "$build/src/CMakeFiles/mktows_binding.dir" -name 'mktows_gsoapC.cpp.o.d')
[ -n "$deps" ] && grep -q "$build/generated/mktows_gsoapC.cpp" $deps \
  || fail "mktows_gsoapC.cpp from the build tree was not compiled"
echo "ok: the binding was generated into the build tree and compiled"

build_binding second
! regenerated second || fail "a build with nothing changed regenerated the binding"
echo "ok: nothing changed, nothing regenerated"

sleep 1  # make the touch visible to make's one-second time stamps
touch "$work/src/wsdl/typemap.dat"
build_binding touched
regenerated touched || fail "touching wsdl/typemap.dat did not regenerate the binding"
echo "ok: a touched input regenerates"

sleep 1
python3 - "$work/src/wsdl/mktows-2_7.wsdl" <<'EOF'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
anchor = '<xs:enumeration value="SFDCOPPTYID"/>'
assert text.count(anchor) == 1, "LeadKeyRef anchor not found in the WSDL"
open(path, "w", encoding="utf-8").write(
    text.replace(anchor, anchor + '<xs:enumeration value="MKTOWSREGENTEST"/>'))
EOF
build_binding changed
regenerated changed || fail "changing the WSDL did not regenerate the binding"
grep -q "MKTOWSREGENTEST" "$build/generated/mktows_gsoapStub.h" \
  || fail "the new LeadKeyRef value is not in the regenerated binding"
grep -q "Building CXX object.*mktows_gsoapC.cpp.o" "$log.changed" \
  || fail "the regenerated binding was not recompiled"
grep -q "MKTOWSREGENTEST" "$src/generated/mktows_gsoapStub.h" \
  && fail "the source tree's generated/ was changed"
echo "ok: a changed WSDL regenerates and rebuilds the binding (new LeadKeyRef value compiled)"

[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"

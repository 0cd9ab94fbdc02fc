#!/usr/bin/env bash
# Regeneration drift: runs scripts/regenerate into a temporary folder and
# fails if the committed generated/ differs from it (names every differing,
# missing or extra file, with the start of the diff).
#
# usage: check_generated_current.sh SOURCE_DIR
#        check_generated_current.sh --self-test SOURCE_DIR
#   --self-test: proves the comparison can fail: regenerates, then changes,
#   removes and adds a file in a copy of generated/ and requires all three to
#   be reported.
set -euo pipefail

self_test=0
if [ "${1:-}" = --self-test ]; then self_test=1; shift; fi
[ $# -eq 1 ] || { echo "usage: $0 [--self-test] SOURCE_DIR" >&2; exit 2; }
src=$(cd "$1" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# compare_dirs EXPECTED ACTUAL: prints what differs, returns 1 if anything does.
compare_dirs() {
  local expected=$1 actual=$2 status=0 f
  while IFS= read -r f; do
    if [ ! -e "$actual/$f" ]; then
      echo "missing from generated/: $f (scripts/regenerate makes it)"
      status=1
    elif ! cmp -s "$expected/$f" "$actual/$f"; then
      echo "differs: generated/$f"
      diff -u --label "generated/$f (committed)" --label "$f (regenerated)" "$actual/$f" "$expected/$f" | head -n 20 | sed 's/^/    /'
      status=1
    fi
  done < <(cd "$expected" && find . -type f | sed 's|^\./||' | sort)
  while IFS= read -r f; do
    if [ ! -e "$expected/$f" ]; then
      echo "extra in generated/: $f (scripts/regenerate does not make it)"
      status=1
    fi
  done < <(cd "$actual" && find . -type f | sed 's|^\./||' | sort)
  return $status
}

"$src/scripts/regenerate" "$tmp/fresh" >/dev/null

if [ $self_test -eq 0 ]; then
  if compare_dirs "$tmp/fresh" "$src/generated"; then
    echo "ok: generated/ is exactly what scripts/regenerate makes ($(ls "$tmp/fresh" | wc -l) files)"
    exit 0
  fi
  echo "FAIL: generated/ is out of date with wsdl/ (or was edited by hand): run scripts/regenerate and commit the result" >&2
  exit 1
fi

# Self-test: the regenerated output compared with itself passes; a changed,
# a missing and an extra file are each reported.
cp -r "$tmp/fresh" "$tmp/copy"
compare_dirs "$tmp/fresh" "$tmp/copy" >/dev/null || { echo "FAIL: identical folders reported as different" >&2; exit 1; }
sed -i '0,/ns1__LeadRecord/s//ns1__LeadRec0rd/' "$tmp/copy/mktows_gsoapStub.h"
rm "$tmp/copy/envC.cpp"
touch "$tmp/copy/stray.h"
if report=$(compare_dirs "$tmp/fresh" "$tmp/copy"); then
  echo "FAIL: a changed generated/ passed the comparison" >&2
  exit 1
fi
failed=0
for want in "differs: generated/mktows_gsoapStub.h" "missing from generated/: envC.cpp" "extra in generated/: stray.h" "-class ns1__LeadRec0rd"; do
  if ! grep -qF -- "$want" <<<"$report"; then
    echo "FAIL: the report does not say: $want" >&2
    failed=1
  fi
done
[ $failed -eq 0 ] || { echo "report was:" >&2; echo "$report" >&2; exit 1; }
echo "ok: a changed, a missing and an extra file are each reported"

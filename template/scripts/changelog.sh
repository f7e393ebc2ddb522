#!/bin/sh
# The changelog, in the Keep a Changelog format (https://keepachangelog.com), as the
# release uses it:
#
#   scripts/changelog.sh release CHANGELOG.md 1.2.3
#       moves what is under "## [Unreleased]" into a new section "## [1.2.3] - DATE"
#       (today, UTC), leaving an empty Unreleased section (`make bump` runs it);
#   scripts/changelog.sh notes CHANGELOG.md 1.2.3
#       prints the section of 1.2.3 without its heading: the GitHub release's notes.
#
# Versions are compared as plain strings, never as patterns.
set -eu

fail() {
  printf 'changelog: %s\n' "$*" >&2
  exit 1
}

[ $# -eq 3 ] || fail "usage: $0 release|notes CHANGELOG.md VERSION"
command=$1 file=$2 version=$3
[ -f "$file" ] || fail "$file does not exist: create it with a \"## [Unreleased]\" section"
printf '%s\n' "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$' ||
  fail "\"$version\" is not a semantic version: type one such as 1.2.3 or 1.2.3-rc.1"

# The lines of the section headed "## [NAME]" (up to the next "## "), without the
# heading and without blank lines at either end.
section() {
  awk -v name="$1" '
    /^## / { inside = index($0, "## [" name "]") == 1; next }
    inside { lines[++n] = $0 }
    END {
      first = 1; while (first <= n && lines[first] ~ /^[ \t]*$/) first++
      last = n; while (last >= first && lines[last] ~ /^[ \t]*$/) last--
      for (i = first; i <= last; i++) print lines[i]
    }' "$file"
}

has_section() {
  awk -v name="$1" 'index($0, "## [" name "]") == 1 { found = 1 } END { exit !found }' "$file"
}

case $command in
notes)
  has_section "$version" ||
    fail "$file has no section for $version: move the Unreleased changes into one with \`make bump\`"
  notes=$(section "$version")
  [ -n "$notes" ] || fail "the section of $version in $file is empty: write what changed"
  printf '%s\n' "$notes"
  ;;
release)
  has_section Unreleased || fail "$file has no \"## [Unreleased]\" section to release"
  ! has_section "$version" || fail "$file already has a section for $version"
  [ -n "$(section Unreleased)" ] ||
    fail "nothing under \"## [Unreleased]\" in $file: write what changed in $version first"
  updated=$(mktemp)
  awk -v heading="## [$version] - $(date -u +%Y-%m-%d)" '
    { print }
    index($0, "## [Unreleased]") == 1 { print ""; print heading }' "$file" >"$updated"
  mv "$updated" "$file"
  printf 'changelog: the Unreleased changes of %s are now under %s\n' "$file" "$version"
  ;;
*)
  fail "unknown command \"$command\": use release or notes"
  ;;
esac

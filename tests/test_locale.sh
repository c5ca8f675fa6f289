#!/bin/sh
# Builds a Turkish and a German locale (Turkish folds I to dotless ı;
# both translate the C library's messages) and runs test_locale under
# them.  Exit status 77 (skipped) where localedef or the locale sources
# are missing (Debian's package locales).
#   test_locale.sh TEST-BINARY
set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for l in tr_TR de_DE; do
	if ! localedef -i "$l" -f UTF-8 "$tmp/$l.UTF-8" 2>"$tmp/err"; then
		echo "skipped: cannot build $l.UTF-8: $(head -1 "$tmp/err")"
		exit 77
	fi
done
LOCPATH=$tmp "$1" tr_TR.UTF-8 de_DE.UTF-8

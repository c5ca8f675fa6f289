#!/usr/bin/env bash
# The Debian package: 'cpack -G DEB' builds it; its control fields, its
# contents, and the tool and library unpacked from it into a throwaway
# root, run from there.
#
# usage: test_deb.sh BUILD_DIR CPACK LIBDIR
# (LIBDIR as GNUInstallDirs gives it: under /usr when relative)
set -u
build=$1 cpack=$2
case $3 in
/*) lib=.$3 ;;
*) lib=./usr/$3 ;;
esac
failed=0

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

for tool in dpkg-deb "$cpack"; do
	command -v "$tool" >/dev/null ||
	    { echo "skipped: $tool is not installed"; exit 77; }
done

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! "$cpack" -G DEB -B "$tmp/out" --config "$build/CPackConfig.cmake" \
    >"$tmp/cpack.log" 2>&1; then
	cat "$tmp/cpack.log"
	echo "FAIL: cpack -G DEB"
	exit 1
fi
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
deb=$tmp/out/timeline_0.3.0_$arch.deb
[[ -f $deb ]] || { echo "FAIL: no ${deb##*/}:"; ls "$tmp/out"; exit 1; }

# field NAME: the value of a control field.
info=$(dpkg-deb --info "$deb") || fail "dpkg-deb --info"
field() {
	sed -n "s/^ $1: //p" <<<"$info"
}
[[ $(field Package) == timeline ]] || fail "Package: $(field Package)"
[[ $(field Version) == 0.3.0 ]] || fail "Version: $(field Version)"
[[ $(field Architecture) == "$arch" ]] || fail "Architecture: $(field Architecture)"
[[ $(field Section) == utils ]] || fail "Section: $(field Section)"
[[ $(field Maintainer) == *'<'*@*'>' ]] || fail "Maintainer: $(field Maintainer)"
[[ $(field Description) == *milestones* ]] || fail "Description: $(field Description)"
depends=$(field Depends)
[[ $depends == *libyaml-0-2* ]] || fail "Depends lacks libyaml-0-2: $depends"
[[ $depends == *libical3* ]] || fail "Depends lacks libical3: $depends"
echo "Depends: $depends"

contents=$(dpkg-deb --contents "$deb" | awk '{ print $6 }') ||
    fail "dpkg-deb --contents"
for path in ./usr/bin/timeline "$lib/libtimeline.so.0.3.0" \
    "$lib/libtimeline.so.0.3" "$lib/libtimeline.so" "$lib/libtimeline.a" \
    ./usr/include/timeline/timeline.h ./usr/include/timeline/set.h \
    "$lib/pkgconfig/timeline.pc" ./usr/share/man/man1/timeline.1 \
    ./usr/share/man/man5/timeline.5 \
    ./usr/share/bash-completion/completions/timeline \
    ./usr/share/zsh/vendor-completions/_timeline \
    ./usr/share/timeline/timeline.schema.json \
    ./usr/share/doc/timeline/copyright \
    ./usr/share/doc/timeline/examples/; do
	grep -qx -- "$path" <<<"$contents" || fail "the package lacks $path"
done

# Unpacked: the tool runs, the pkg-config file names /usr.
root=$tmp/root
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x"
grep -qx 'prefix=/usr' "$root/$lib/pkgconfig/timeline.pc" ||
    fail "the packaged timeline.pc does not say prefix=/usr"
out=$(LD_LIBRARY_PATH=$root/$lib "$root/usr/bin/timeline" --version) ||
    fail "the packaged timeline --version fails"
[[ $out == "timeline 0.3.0 "* ]] || fail "timeline --version prints '$out'"
echo "$out"
LD_LIBRARY_PATH=$root/$lib "$root/usr/bin/timeline" check \
    --today 2025-12-20 "$root/usr/share/doc/timeline/examples" ||
    fail "the packaged timeline cannot check the packaged examples"

exit $((failed > 0))

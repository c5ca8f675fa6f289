#!/usr/bin/env bash
# Every installed public header compiles on its own, as the first and only
# include, with -std=c11 -pedantic -Wall -Wextra -Werror; and in C++ too,
# when a C++ compiler is at hand, since the headers promise extern "C".
#
# usage: test_headers.sh ROOT PREFIX INCLUDEDIR CC
set -u
root=$1 prefix=$2 cc=$4
case $3 in
/*) inc=$root$3 ;;
*) inc=$root$prefix/$3 ;;
esac
failed=0 n=0
cxx=$(command -v c++ || command -v g++ || command -v clang++ || true)

for h in "$inc"/timeline/*.h; do
	[[ -f $h ]] || { echo "FAIL: no header in ${inc#"$root"}/timeline"; exit 1; }
	name=timeline/${h##*/}
	n=$((n + 1))
	if ! printf '#include <%s>\n' "$name" | "$cc" -std=c11 -pedantic \
	    -Wall -Wextra -Werror -fsyntax-only -I"$inc" -x c -; then
		echo "FAIL: $name does not compile alone in C11"
		failed=$((failed + 1))
	fi
	if [[ -n $cxx ]] && ! printf '#include <%s>\n' "$name" | "$cxx" \
	    -std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only -I"$inc" \
	    -x c++ -; then
		echo "FAIL: $name does not compile alone in C++11"
		failed=$((failed + 1))
	fi
done
echo "$n headers${cxx:+, in C11 and C++11}"
exit $((failed > 0))

# Sourced by the tests of an installed tree, with src, root (the DESTDIR)
# and prefix set: fail() counts a failure in $failed, and dir NAME is an
# installation directory (relative to PREFIX, or absolute) under ROOT.
failed=0

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

dir() {
	case $1 in
	/*) printf '%s%s' "$root" "$1" ;;
	*) printf '%s%s/%s' "$root" "$prefix" "$1" ;;
	esac
}

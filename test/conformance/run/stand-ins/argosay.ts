// The stand-in for Argo's test image command `argosay`: a busybox shell script with the subcommands the
// corpus calls. It does what the command says (writes the file, sleeps, exits with the code); nothing faked.

/** `/argosay`, run by `sh`; `echo MSG FILE` creates FILE's directory, as the original does. */
export const ARGOSAY_SCRIPT = `#!/bin/sh
set -eu
verb=\${1:-}
[ $# -gt 0 ] && shift
case "$verb" in
  '')
    echo "hello argo" ;;
  echo)
    case $# in
      0) echo "hello argo" ;;
      1) printf '%s\\n' "$1" ;;
      2) mkdir -p "$(dirname "$2")"; printf '%s\\n' "$1" > "$2" ;;
      *) echo "argosay: echo takes a message and an optional file" >&2; exit 1 ;;
    esac ;;
  cat)
    cat "$@" ;;
  sleep)
    sleep "$1" ;;
  exit)
    exit "\${1:-0}" ;;
  assert_contains)
    grep -F -- "$2" "$1" ;;
  assert_equals)
    [ "$1" = "$2" ] || { echo "argosay: expected '$1', got '$2'" >&2; exit 1; } ;;
  sh)
    sh "$@" ;;
  *)
    echo "argosay: unknown command '$verb'" >&2; exit 1 ;;
esac
`;

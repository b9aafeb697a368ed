# For scripts that take no options: -h/--help prints the usage and exits 0; anything else is refused (exit 2)
# before the script starts, builds or installs anything.
#   source scripts/lib/options.sh; takes_no_options "usage: scripts/x   what it does" "$@"
takes_no_options() {
  local usage=$1
  shift
  for arg in "$@"; do
    case $arg in
      -h|--help) echo "$usage"; exit 0 ;;
      *) echo "unknown argument: $arg" >&2; echo "$usage" >&2; exit 2 ;;
    esac
  done
}

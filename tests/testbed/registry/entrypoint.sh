#!/bin/sh
# The entry point of the test bed's registry stand-in, shaped as registry:3's: a config file as
# the first argument runs `registry serve FILE`; a registry subcommand (serve, garbage-collect,
# help) or an option runs the registry with it; anything else is run as given. The registry is
# Debian's docker-registry (distribution 2.8), named `registry` in the image as in registry:3.
set -e
case "${1:-}" in
  *.yaml|*.yml) set -- registry serve "$@" ;;
  serve|garbage-collect|help|-*) set -- registry "$@" ;;
esac
exec "$@"

#!/bin/sh
# The entry point of the test bed's kind load-balancer stand-in image, as envoyproxy/envoy's: an
# argument list that starts with an option runs envoy with it; anything else (kind passes
# `bash -c <bootstrap>`) is run as given. It does not drop to the image's `envoy` user (uid 101)
# as Envoy's does: everything runs as root.
set -e
if [ "${1#-}" != "$1" ]; then
  set -- envoy "$@"
fi
exec "$@"

#!/bin/sh
# A --NAME_prefix wrapper: says how it was called, then runs its last argument (the plugin).
echo "wrap.sh: $*" >&2
for plugin; do :; done
exec "$plugin"

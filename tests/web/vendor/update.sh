#!/usr/bin/env bash
# Refresh the vendored axe-core (accessibility rules for the browser tests) from the npm registry:
# `tests/web/vendor/update.sh 4.14.1`. Only the tests load it; the web directory never does.
set -euo pipefail
version=${1:?usage: update.sh VERSION}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "axe-core@$version" --silent >/dev/null && tar xzf "axe-core-$version.tgz")
cp "$work/package/axe.min.js" "$here/axe.min.js"
cp "$work/package/LICENSE" "$here/axe-core.LICENSE"
echo "$version" > "$here/axe-core.VERSION"
sha256sum "$here/axe.min.js" | sed "s|  .*/|  |" > "$here/axe-core.SHA256"

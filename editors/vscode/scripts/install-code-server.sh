#!/usr/bin/env bash
# Installs code-server 4.100.3 (the real VS Code 1.100.3 server build, from npm)
# into $1, once: a marker file makes later runs a no-op. About 300 MB, a minute.
# Three workarounds make the npm install work without reaching GitHub:
#  - @vscode/ripgrep's postinstall downloads rg unless its cache under $TMPDIR
#    holds the tarball: seed it with Debian's rg;
#  - node-pty's postinstall runs `npx node-gyp`: answer yes (npm_config_yes);
#  - node-gyp would download Node's headers: use the system's (nodedir=/usr).
set -euo pipefail
version=4.100.3
dest="$1"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"
marker="$dest/.installed-$version"
[ -f "$marker" ] && exit 0

need=()
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v make >/dev/null 2>&1 || need+=(build-essential)
[ -f /usr/include/krb5.h ] || [ -f /usr/include/krb5/krb5.h ] || need+=(libkrb5-dev)
[ -f /usr/include/node/node.h ] || need+=(nodejs libnode-dev)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

export TMPDIR="$dest/tmp"
rg_cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache"
(cd "$rg_cache" && cp "$(command -v rg)" rg && tar czf ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz rg && rm rg)
export npm_config_yes=true npm_config_nodedir=/usr npm_config_fund=false npm_config_audit=false
cd "$dest"
[ -f package.json ] || npm init -y >/dev/null
npm install --unsafe-perm --no-save --loglevel=error "code-server@$version" >"$dest/install.log" 2>&1 || {
  tail -40 "$dest/install.log" >&2
  exit 1
}
rm -rf "$TMPDIR"
touch "$marker"

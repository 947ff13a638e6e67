#!/usr/bin/env bash
# Installs the Debian packages folkbib needs, if they are missing.
# chromium: browser tests (playwright drives /usr/bin/chromium, never a downloaded build)
# yaz: yaz-marcdump, the C baseline the MARC import benchmark compares against
# espeak-ng, ffmpeg: AudioIndex speaks with espeak-ng and encodes Opus/MP3 with ffmpeg
# nginx-light, logrotate, systemd (systemd-analyze): scripts/deploy-check.sh validates deploy/ with them
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v yaz-marcdump >/dev/null 2>&1 || need+=(yaz)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v logrotate >/dev/null 2>&1 || [ -x /usr/sbin/logrotate ] || need+=(logrotate)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"

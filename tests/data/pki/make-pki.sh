#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates the test PKI in this directory with GnuTLS's certtool
# (Debian package gnutls-bin). The files are committed; tests never run this.
#
#   nz-root       anchor for NZ (self-signed CA)
#   nz-ca         intermediate under nz-root
#   nz-signer     RSA-2048 signer under nz-ca (digitalSignature)
#   nz-ecdsa      ECDSA P-256 signer directly under nz-root
#   nz-expired    signer valid only in 2020
#   nz-future     signer valid only from 2040
#   nz-encipher   signer whose key usage excludes signatures
#   nz-old        signer valid 2020-2024 (expired since, valid at a 2022 issue)
#   nz-weak       RSA-1024 signer under nz-root (a key too small for the profile)
#   ar-root       anchor for AR; ar-signer under it
set -euo pipefail
cd "$(dirname "$0")"

template() {
  # $1 file, then key=value lines
  local file=$1
  shift
  printf '%s\n' "$@" > "$file"
}

key() { certtool --generate-privkey --key-type "$1" ${2:+--bits "$2"} ${3:+--curve "$3"} --outfile "$4" 2>/dev/null; }

ca() {
  local name=$1 cn=$2
  key rsa 2048 "" "$name.key"
  template "$name.tmpl" "cn = \"$cn\"" "organization = \"E-Cert Inspector tests\"" \
    "country = ${cn:0:2}" "ca" "cert_signing_key" "crl_signing_key" \
    "activation_date = \"2015-01-01 00:00:00\"" "expiration_date = \"2060-01-01 00:00:00\""
  certtool --generate-self-signed --load-privkey "$name.key" --template "$name.tmpl" \
    --outfile "$name.pem" 2>/dev/null
}

issue() {
  local name=$1 issuer=$2 type=$3 from=$4 to=$5 usage=$6 ca_flag=${7:-}
  case $type in
    ecdsa) key ecdsa "" secp256r1 "$name.key" ;;
    rsa1024) key rsa 1024 "" "$name.key" ;;
    *) key rsa 2048 "" "$name.key" ;;
  esac
  template "$name.tmpl" "cn = \"$name\"" "organization = \"E-Cert Inspector tests\"" \
    "activation_date = \"$from\"" "expiration_date = \"$to\"" $usage $ca_flag
  certtool --generate-certificate --load-privkey "$name.key" --load-ca-certificate "$issuer.pem" \
    --load-ca-privkey "$issuer.key" --template "$name.tmpl" --outfile "$name.pem" 2>/dev/null
}

ca nz-root "NZ test root"
issue nz-ca nz-root rsa "2015-01-01 00:00:00" "2059-01-01 00:00:00" "cert_signing_key" "ca"
issue nz-signer nz-ca rsa "2020-01-01 00:00:00" "2058-01-01 00:00:00" "signing_key"
issue nz-ecdsa nz-root ecdsa "2020-01-01 00:00:00" "2058-01-01 00:00:00" "signing_key"
issue nz-expired nz-root rsa "2020-01-01 00:00:00" "2020-12-31 00:00:00" "signing_key"
issue nz-future nz-root rsa "2040-01-01 00:00:00" "2045-01-01 00:00:00" "signing_key"
issue nz-encipher nz-root rsa "2020-01-01 00:00:00" "2058-01-01 00:00:00" "encryption_key"
issue nz-old nz-root rsa "2020-01-01 00:00:00" "2024-01-01 00:00:00" "signing_key"
issue nz-weak nz-root rsa1024 "2020-01-01 00:00:00" "2058-01-01 00:00:00" "signing_key"
ca ar-root "AR test root"
issue ar-signer ar-root rsa "2020-01-01 00:00:00" "2058-01-01 00:00:00" "signing_key"
rm -f ./*.tmpl

#!/bin/sh
# check-translations.sh SRCROOT WORKDIR — the "translations" test of the data suite.
#
# Fails when POTFILES.in misses a file with translatable strings or is not
# sorted, or when a translation, merged with a template made fresh from the
# sources, has an untranslated or fuzzy message.  A string added to the code
# without a translation therefore fails here, not in front of a user.
set -eu

top=$1
work=$2
po=$top/po
status=0

mkdir -p "$work"

# 1. POTFILES.in lists every source with translatable strings, sorted.
grep -v '^#' "$po/POTFILES.in" | sed '/^$/d' > "$work/potfiles"
LC_ALL=C sort -c "$work/potfiles" 2>/dev/null || {
  echo "po/POTFILES.in is not sorted (LC_ALL=C sort)"
  status=1
}
(
  cd "$top"
  grep -rlE '(^|[^A-Za-z0-9_])(N|C|NC)?_ ?\("' --include='*.c' app core 2>/dev/null || true
  grep -rl 'translatable="yes"' --include='*.ui' app 2>/dev/null || true
) | LC_ALL=C sort -u > "$work/needed"
missing=$(LC_ALL=C comm -23 "$work/needed" "$work/potfiles")
if [ -n "$missing" ]; then
  echo "po/POTFILES.in lacks these files with translatable strings:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

# 2. Every language in LINGUAS is complete against the current sources.
xgettext --files-from="$work/potfiles" --directory="$top" --from-code=UTF-8 \
  --add-comments --package-name=qscope --output="$work/qscope.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format

for lang in $(sed 's/#.*//' "$po/LINGUAS"); do
  if [ ! -f "$po/$lang.po" ]; then
    echo "po/LINGUAS names $lang, but po/$lang.po does not exist"
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" "$po/$lang.po" "$work/qscope.pot"
  stats=$(LC_ALL=C msgfmt --check --statistics --output-file="$work/$lang.mo" "$work/$lang.po" 2>&1) || {
    echo "$lang.po: msgfmt --check failed:"
    echo "$stats"
    status=1
    continue
  }
  echo "$lang.po: $stats"
  case $stats in
    *untranslated* | *fuzzy*)
      echo "$lang.po is incomplete; these messages need a translation:"
      msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -A1 '^msgid' | grep -v '^--' || true
      msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -A1 '^msgid' | grep -v '^--' || true
      status=1
      ;;
  esac
done

exit $status

#!/bin/sh
# The exe_wrapper of `meson test --setup valgrind`.  It runs after meson has set each test's
# environment, so it is where the tests that walk every shared model are pointed at the small
# subset (QS_VALGRIND_MODELS), and where valgrind's options live.
if [ -n "${QS_VALGRIND_MODELS:-}" ] && [ -d "${QS_SHARED_MODELS:-/nonexistent}" ]; then
  QS_SHARED_MODELS=$QS_VALGRIND_MODELS
  export QS_SHARED_MODELS
fi
exec valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --track-origins=yes \
  --suppressions="$(dirname "$0")/valgrind.supp" "$@"

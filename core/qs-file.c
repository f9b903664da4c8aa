/* qs-file.c
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "qs-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "%s %s: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

/* Writes into something that is not a regular file, where it is. */
static gboolean
write_in_place (const char  *path,
                const guint8 *data,
                gsize         size,
                GError      **error)
{
  int fd;

  do
    fd = open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return set_errno_error (error, errno, "could not open", path);

  while (size > 0)
    {
      gssize n = write (fd, data, MIN (size, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          close (fd);
          return set_errno_error (error, saved, "could not write", path);
        }
      data += n;
      size -= n;
    }
  if (close (fd) != 0 && errno != EINTR)
    return set_errno_error (error, errno, "could not write", path);
  return TRUE;
}

gboolean
qs_file_replace_contents (const char  *path,
                          const void  *data,
                          gsize        size,
                          GError     **error)
{
  g_autofree char *resolved = NULL;
  const char *target = path;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  /* An existing path is resolved, so that a link is followed to its file. */
  resolved = realpath (path, NULL);
  if (resolved != NULL)
    target = resolved;

  if (g_stat (target, &st) == 0 && !S_ISREG (st.st_mode))
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "could not write %s: it is a folder", path);
          return FALSE;
        }
      return write_in_place (target, data, size, error);
    }

  /* A temporary file beside the target, renamed over it when complete. */
  return g_file_set_contents_full (target, data != NULL ? data : "", size,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

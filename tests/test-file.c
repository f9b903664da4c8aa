/* test-file.c — output files: whole or not at all, and devices left alone
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "qs-file.h"
#include "qs-test-dir.h"

static guint
count_entries (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  return n;
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_regular (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-file");
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (qs_file_replace_contents (path, "first", 5, &error));
  g_assert_no_error (error);
  assert_contents (path, "first");
  g_assert_true (qs_file_replace_contents (path, "second", 6, &error));
  g_assert_no_error (error);
  assert_contents (path, "second");
  g_assert_true (qs_file_replace_contents (path, NULL, 0, &error));
  g_assert_no_error (error);
  assert_contents (path, "");
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  /* no temporary file is left beside it */
  g_assert_cmpuint (count_entries (dir), ==, 1);
  qs_test_remove_tree (dir);
}

static void
test_link_followed (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-file");
  g_autofree char *target = g_build_filename (dir, "target.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.csv", link), ==, 0);
  g_assert_true (qs_file_replace_contents (link, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_contents (target, "new");
  g_assert_cmpuint (count_entries (dir), ==, 2);
  qs_test_remove_tree (dir);
}

/* A link to /dev/null: the old way (rename over the path) would have put a
 * plain file where the link is; the device itself must never be replaced. */
static void
test_device_in_place (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-file");
  g_autofree char *link = g_build_filename (dir, "null.png", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  if (!S_ISCHR (st.st_mode))
    {
      g_test_skip ("/dev/null is not a character device on this machine");
      qs_test_remove_tree (dir);
      return;
    }
  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  g_assert_true (qs_file_replace_contents (link, "png bytes", 9, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  qs_test_remove_tree (dir);
}

typedef struct
{
  char    *path;
  GString *read;
} FifoReader;

static gpointer
read_fifo (gpointer data)
{
  FifoReader *r = data;
  char buf[4096];
  int fd = open (r->path, O_RDONLY | O_CLOEXEC);
  gssize n;

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (r->read, buf, n);
  close (fd);
  return NULL;
}

static void
test_fifo_in_place (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-file");
  g_autofree char *path = g_build_filename (dir, "pipe.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  FifoReader reader;
  GThread *thread;
  GStatBuf st;
  guint i;

  /* more than a pipe holds, so the writer really has to wait for the reader */
  for (i = 0; i < 40000; i++)
    g_string_append_printf (big, "%u,", i);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  reader.path = path;
  reader.read = g_string_new (NULL);
  thread = g_thread_new ("fifo-reader", read_fifo, &reader);
  g_assert_true (qs_file_replace_contents (path, big->str, big->len, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpuint (reader.read->len, ==, big->len);
  g_assert_true (memcmp (reader.read->str, big->str, big->len) == 0);
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_string_free (reader.read, TRUE);
  qs_test_remove_tree (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = qs_test_make_dir ("qs-file");
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (qs_file_replace_contents (dir, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  g_assert_false (qs_file_replace_contents (missing, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "out.png"));
  g_assert_cmpuint (count_entries (dir), ==, 0);
  qs_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/regular", test_regular);
  g_test_add_func ("/file/link-followed", test_link_followed);
  g_test_add_func ("/file/device-in-place", test_device_in_place);
  g_test_add_func ("/file/fifo-in-place", test_fifo_in_place);
  g_test_add_func ("/file/errors", test_errors);

  return g_test_run ();
}

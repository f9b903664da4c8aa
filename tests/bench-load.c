/* bench-load.c — how fast and how small qscope's model load is, next to the
 * parsers it competes with, measured in the same run
 *
 * Copyright 2026 The qscope authors
 * SPDX-License-Identifier: Apache-2.0
 *
 *   bench-load [--runs N] [MODEL.xml ...]
 *   bench-load --generate LAYERS DIR     (writes DIR/generated-LAYERS.xml and .bin)
 *
 * For each file it times, in child processes of its own so that peak memory
 * (ru_maxrss) belongs to one parser alone:
 *   qscope   qs_model_load(): parse, graph, edges, order, Const checks, .bin mapped
 *   sax      libxml2's push parser with SAX2 callbacks that do nothing
 *   dom      libxml2's xmlReadMemory() building a tree
 *   pugixml  bench-load-pugixml (the parser inside OpenVINO), when it was built
 * and prints medians and the ratios qscope/sax (time) and qscope/pugixml (memory).
 * The parsers take turns, one run of each per round, and the time ratio is
 * the median of the ratios within rounds: a busy spell of the shared machine
 * then falls on both sides of a ratio instead of on one parser's runs.
 * Without file arguments it loads the largest model in $QS_SHARED_MODELS and
 * generated IRs of 50,000 and 100,000 layers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "qscope-core.h"

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* ------------------------------------------------------------------------ */
/* The measured work, run in a child                                         */

static void
noop_start (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
            int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
            const xmlChar **attributes)
{
}

static void
noop_end (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
}

static void
noop_chars (void *ctx, const xmlChar *ch, int len)
{
}

#define SAX_CHUNK (64 * 1024)

static int
run_one (const char *what,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  double t0 = now ();

  if (strcmp (what, "qscope") == 0)
    {
      g_autoptr(QsModel) model = qs_model_load (path, QS_LOAD_FLAGS_NONE, NULL, &error);
      if (model == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("%.6f %u\n", now () - t0, model->n_layers);
      return 0;
    }

  if (strcmp (what, "sax") == 0 || strcmp (what, "dom") == 0)
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
      const char *data;
      gsize size;

      if (file == NULL)
        return 1;
      data = g_mapped_file_get_contents (file);
      size = g_mapped_file_get_length (file);
      t0 = now ();
      if (strcmp (what, "sax") == 0)
        {
          xmlSAXHandler sax = { 0 };
          xmlParserCtxtPtr ctxt;
          gsize pos;

          sax.initialized = XML_SAX2_MAGIC;
          sax.startElementNs = noop_start;
          sax.endElementNs = noop_end;
          sax.characters = noop_chars;
          ctxt = xmlCreatePushParserCtxt (&sax, NULL, NULL, 0, path);
          xmlCtxtUseOptions (ctxt, XML_PARSE_NONET);
          /* 64 KiB chunks: the fastest of 16, 64, 256 and 1024 KiB on the shared
           * model and the 100,000-layer IR (libxml2 copies each chunk into its
           * own buffer, which then stays in cache) */
          for (pos = 0; pos < size; pos += SAX_CHUNK)
            xmlParseChunk (ctxt, data + pos, (int) MIN (SAX_CHUNK, size - pos), pos + SAX_CHUNK >= size);
          xmlFreeParserCtxt (ctxt);
        }
      else
        {
          xmlDocPtr doc = xmlReadMemory (data, (int) size, path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
          if (doc == NULL)
            return 1;
          printf ("%.6f 0\n", now () - t0);
          fflush (stdout);
          _exit (0);   /* freeing the tree is not part of the load */
        }
      printf ("%.6f 0\n", now () - t0);
      return 0;
    }

  if (strcmp (what, "none") == 0)
    {
      printf ("0 0\n");
      return 0;
    }
  return 1;
}

/* ------------------------------------------------------------------------ */
/* Running children and collecting time and peak memory                      */

typedef struct
{
  double seconds;      /* wall time of the load, measured inside the child */
  double cpu;          /* user + system time of the whole child */
  double max_rss_mb;
  gboolean ok;
} Sample;

static Sample
measure (const char *self,
         const char *peer_exe,
         const char *what,
         const char *path)
{
  Sample s = { 0 };
  int pipefd[2];
  pid_t pid;
  struct rusage ru;
  int status;
  char buf[128] = { 0 };
  ssize_t n;

  if (pipe (pipefd) != 0)
    return s;
  pid = fork ();
  if (pid == 0)
    {
      dup2 (pipefd[1], STDOUT_FILENO);
      close (pipefd[0]);
      if (peer_exe != NULL)
        execl (peer_exe, peer_exe, path, (char *) NULL);
      else
        execl (self, self, "--one", what, path, (char *) NULL);
      _exit (127);
    }
  close (pipefd[1]);
  n = read (pipefd[0], buf, sizeof buf - 1);
  close (pipefd[0]);
  if (wait4 (pid, &status, 0, &ru) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0 || n <= 0)
    return s;
  s.seconds = g_ascii_strtod (buf, NULL);
  s.cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  s.max_rss_mb = ru.ru_maxrss / 1024.0;
  s.ok = TRUE;
  return s;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The parsers measured, in the order each round runs them. */
enum { QSCOPE, SAX, DOM, PUGIXML, N_PARSERS };
static const char *const parser_names[N_PARSERS] = { "qscope", "sax", "dom", "pugixml" };

typedef struct
{
  double seconds[N_PARSERS];
  double cpu[N_PARSERS];
  double rss[N_PARSERS];
  double time_ratio;     /* median over rounds of qscope / sax in the same round */
  gboolean have[N_PARSERS];
} Result;

/* Runs the parsers in rounds, one after the other within a round, so that a
 * busy spell of the machine falls on all of them alike; the time ratio is
 * the median of the ratios within rounds. */
static gboolean
measure_file (const char *self,
              const char *peer_exe,
              const char *path,
              guint       runs,
              Result     *res)
{
  g_autofree double *t = g_new0 (double, N_PARSERS * runs);
  g_autofree double *c = g_new0 (double, N_PARSERS * runs);
  g_autofree double *m = g_new0 (double, N_PARSERS * runs);
  g_autofree double *ratio = g_new0 (double, runs);
  guint n[N_PARSERS] = { 0 };
  guint round, p;

  memset (res, 0, sizeof *res);
  for (round = 0; round < runs; round++)
    for (p = 0; p < N_PARSERS; p++)
      {
        Sample s;

        if (p == PUGIXML && peer_exe == NULL)
          continue;
        if (p == DOM && round % 2 == 1)
          continue;   /* slow and only for reference: every other round */
        s = measure (self, p == PUGIXML ? peer_exe : NULL, parser_names[p], path);
        if (!s.ok)
          {
            if (p == QSCOPE || p == SAX)
              return FALSE;
            continue;
          }
        t[p * runs + n[p]] = s.seconds;
        c[p * runs + n[p]] = s.cpu;
        m[p * runs + n[p]] = s.max_rss_mb;
        n[p]++;
        if (p == SAX)
          ratio[round] = t[QSCOPE * runs + round] / s.seconds;
      }

  for (p = 0; p < N_PARSERS; p++)
    if (n[p] > 0)
      {
        res->seconds[p] = median (t + p * runs, n[p]);
        res->cpu[p] = median (c + p * runs, n[p]);
        res->rss[p] = median (m + p * runs, n[p]);
        res->have[p] = TRUE;
      }
  res->time_ratio = median (ratio, runs);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* A generated network-shaped IR: quantized conv blocks with residual adds   */

static char *
generate_ir (const char *dir,
             guint       n_layers,
             guint64     bin_mb)
{
  g_autofree char *xml_path = g_strdup_printf ("%s/generated-%u.xml", dir, n_layers);
  g_autofree char *bin_path = g_strdup_printf ("%s/generated-%u.bin", dir, n_layers);
  GString *x = g_string_sized_new (n_layers * 800);
  GString *edges = g_string_sized_new (n_layers * 100);
  guint id = 0, prev, skip, blocks, b;
  guint64 bin_size = MAX (bin_mb << 20, 4096);
  FILE *f;

#define PORT4(pid, c, h, w) \
  "<port id=\"" pid "\" precision=\"FP32\"><dim>1</dim><dim>%u</dim><dim>%u</dim><dim>%u</dim></port>"

  g_string_append (x, "<?xml version=\"1.0\"?>\n<net name=\"generated\" version=\"11\">\n\t<layers>\n");
  g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"input\" type=\"Parameter\" version=\"opset1\">\n"
                          "\t\t\t<data shape=\"1,64,56,56\" element_type=\"f32\"/>\n"
                          "\t\t\t<output>" PORT4 ("0", 64, 56, 56) "</output>\n\t\t</layer>\n",
                          id, 64, 56, 56);
  prev = id++;
  skip = prev;
  /* one block: 4 range Consts + FakeQuantize, weight Const + Convert + scale Const + Multiply,
   * Convolution, bias Const, Add, ReLU, residual Add: 14 layers */
  blocks = (n_layers - 2) / 14;
  for (b = 0; b < blocks; b++)
    {
      guint r0 = id, fq, w, cv, sc, mul, conv, bias, add, relu, res;
      guint64 woff = ((guint64) b * 4096) % (bin_size - 4096);
      guint k;

      for (k = 0; k < 4; k++, id++)
        g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"fq%u/range%u\" type=\"Const\" version=\"opset1\">\n"
                                "\t\t\t<data element_type=\"f32\" shape=\"\" offset=\"%u\" size=\"4\"/>\n"
                                "\t\t\t<output><port id=\"0\" precision=\"FP32\"/></output>\n\t\t</layer>\n",
                                id, b, k, k * 4);
      fq = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/fq\" type=\"FakeQuantize\" version=\"opset1\">\n"
                              "\t\t\t<data levels=\"256\" auto_broadcast=\"numpy\"/>\n"
                              "\t\t\t<input>" PORT4 ("0", 64, 56, 56)
                              "<port id=\"1\" precision=\"FP32\"/><port id=\"2\" precision=\"FP32\"/>"
                              "<port id=\"3\" precision=\"FP32\"/><port id=\"4\" precision=\"FP32\"/></input>\n"
                              "\t\t\t<output>" PORT4 ("5", 64, 56, 56) "</output>\n"
                              "\t\t\t<rt_info><attribute name=\"fused_names\" version=\"0\" value=\"block%u/fq\"/></rt_info>\n"
                              "\t\t</layer>\n", fq, b, 64, 56, 56, 64, 56, 56, b);
      g_string_append_printf (edges, "\t\t<edge from-layer=\"%u\" from-port=\"%u\" to-layer=\"%u\" to-port=\"0\"/>\n",
                              prev, prev == 0 ? 0 : 2, fq);
      for (k = 0; k < 4; k++)
        g_string_append_printf (edges, "\t\t<edge from-layer=\"%u\" from-port=\"0\" to-layer=\"%u\" to-port=\"%u\"/>\n",
                                r0 + k, fq, k + 1);
      w = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/weights\" type=\"Const\" version=\"opset1\">\n"
                              "\t\t\t<data element_type=\"i8\" shape=\"64, 64, 1, 1\" offset=\"%" G_GUINT64_FORMAT "\" size=\"4096\"/>\n"
                              "\t\t\t<output><port id=\"0\" precision=\"I8\"><dim>64</dim><dim>64</dim><dim>1</dim><dim>1</dim></port></output>\n"
                              "\t\t</layer>\n", w, b, woff);
      cv = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/weights/convert\" type=\"Convert\" version=\"opset1\">\n"
                              "\t\t\t<data destination_type=\"f32\"/>\n"
                              "\t\t\t<input><port id=\"0\" precision=\"I8\"><dim>64</dim><dim>64</dim><dim>1</dim><dim>1</dim></port></input>\n"
                              "\t\t\t<output><port id=\"1\" precision=\"FP32\"><dim>64</dim><dim>64</dim><dim>1</dim><dim>1</dim></port></output>\n"
                              "\t\t</layer>\n", cv, b);
      sc = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/scale\" type=\"Const\" version=\"opset1\">\n"
                              "\t\t\t<data element_type=\"f32\" shape=\"64,1,1,1\" offset=\"16\" size=\"256\"/>\n"
                              "\t\t\t<output><port id=\"0\" precision=\"FP32\"><dim>64</dim><dim>1</dim><dim>1</dim><dim>1</dim></port></output>\n"
                              "\t\t</layer>\n", sc, b);
      mul = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/weights/scaled\" type=\"Multiply\" version=\"opset1\">\n"
                              "\t\t\t<data auto_broadcast=\"numpy\"/>\n"
                              "\t\t\t<input><port id=\"0\" precision=\"FP32\"><dim>64</dim><dim>64</dim><dim>1</dim><dim>1</dim></port>"
                              "<port id=\"1\" precision=\"FP32\"><dim>64</dim><dim>1</dim><dim>1</dim><dim>1</dim></port></input>\n"
                              "\t\t\t<output><port id=\"2\" precision=\"FP32\"><dim>64</dim><dim>64</dim><dim>1</dim><dim>1</dim></port></output>\n"
                              "\t\t</layer>\n", mul, b);
      conv = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/conv\" type=\"Convolution\" version=\"opset1\">\n"
                              "\t\t\t<data strides=\"1, 1\" dilations=\"1, 1\" pads_begin=\"0, 0\" pads_end=\"0, 0\" auto_pad=\"explicit\"/>\n"
                              "\t\t\t<input>" PORT4 ("0", 64, 56, 56)
                              "<port id=\"1\" precision=\"FP32\"><dim>64</dim><dim>64</dim><dim>1</dim><dim>1</dim></port></input>\n"
                              "\t\t\t<output>" PORT4 ("2", 64, 56, 56) "</output>\n\t\t</layer>\n",
                              conv, b, 64, 56, 56, 64, 56, 56);
      bias = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/bias\" type=\"Const\" version=\"opset1\">\n"
                              "\t\t\t<data element_type=\"f32\" shape=\"1,64,1,1\" offset=\"16\" size=\"256\"/>\n"
                              "\t\t\t<output><port id=\"0\" precision=\"FP32\"><dim>1</dim><dim>64</dim><dim>1</dim><dim>1</dim></port></output>\n"
                              "\t\t</layer>\n", bias, b);
      add = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/add\" type=\"Add\" version=\"opset1\">\n"
                              "\t\t\t<data auto_broadcast=\"numpy\"/>\n"
                              "\t\t\t<input>" PORT4 ("0", 64, 56, 56)
                              "<port id=\"1\" precision=\"FP32\"><dim>1</dim><dim>64</dim><dim>1</dim><dim>1</dim></port></input>\n"
                              "\t\t\t<output>" PORT4 ("2", 64, 56, 56) "</output>\n\t\t</layer>\n",
                              add, b, 64, 56, 56, 64, 56, 56);
      relu = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/relu\" type=\"ReLU\" version=\"opset1\">\n"
                              "\t\t\t<input>" PORT4 ("0", 64, 56, 56) "</input>\n"
                              "\t\t\t<output>" PORT4 ("1", 64, 56, 56) "</output>\n\t\t</layer>\n",
                              relu, b, 64, 56, 56, 64, 56, 56);
      res = id++;
      g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"block%u/residual\" type=\"Add\" version=\"opset1\">\n"
                              "\t\t\t<data auto_broadcast=\"numpy\"/>\n"
                              "\t\t\t<input>" PORT4 ("0", 64, 56, 56) PORT4 ("1", 64, 56, 56) "</input>\n"
                              "\t\t\t<output>" PORT4 ("2", 64, 56, 56) "</output>\n\t\t</layer>\n",
                              res, b, 64, 56, 56, 64, 56, 56, 64, 56, 56);
      g_string_append_printf (edges,
                              "\t\t<edge from-layer=\"%u\" from-port=\"0\" to-layer=\"%u\" to-port=\"0\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"1\" to-layer=\"%u\" to-port=\"0\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"0\" to-layer=\"%u\" to-port=\"1\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"5\" to-layer=\"%u\" to-port=\"0\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"2\" to-layer=\"%u\" to-port=\"1\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"2\" to-layer=\"%u\" to-port=\"0\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"0\" to-layer=\"%u\" to-port=\"1\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"2\" to-layer=\"%u\" to-port=\"0\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"1\" to-layer=\"%u\" to-port=\"0\"/>\n"
                              "\t\t<edge from-layer=\"%u\" from-port=\"%u\" to-layer=\"%u\" to-port=\"1\"/>\n",
                              w, cv, cv, mul, sc, mul, fq, conv, mul, conv, conv, add, bias, add, add, relu,
                              relu, res, skip, skip == 0 ? 0 : 2, res);
      prev = res;
      skip = res;
    }
  g_string_append_printf (x, "\t\t<layer id=\"%u\" name=\"output\" type=\"Result\" version=\"opset1\">\n"
                          "\t\t\t<input>" PORT4 ("0", 64, 56, 56) "</input>\n\t\t</layer>\n",
                          id, 64, 56, 56);
  g_string_append_printf (edges, "\t\t<edge from-layer=\"%u\" from-port=\"2\" to-layer=\"%u\" to-port=\"0\"/>\n",
                          prev, id);
  g_string_append (x, "\t</layers>\n\t<edges>\n");
  g_string_append (x, edges->str);
  g_string_append (x, "\t</edges>\n</net>\n");

  g_assert_true (g_file_set_contents (xml_path, x->str, x->len, NULL));
  g_string_free (x, TRUE);
  g_string_free (edges, TRUE);

  f = fopen (bin_path, "wb");
  g_assert_nonnull (f);
  {
    g_autofree guint8 *chunk = g_malloc (1 << 20);
    guint64 done;
    guint i;
    for (i = 0; i < (1u << 20); i++)
      chunk[i] = (guint8) (i * 2654435761u >> 24);
    for (done = 0; done < bin_size; done += 1 << 20)
      fwrite (chunk, 1, MIN (1u << 20, bin_size - done), f);
  }
  fclose (f);
#undef PORT4
  return g_steal_pointer (&xml_path);
}

static char *
largest_shared_model (void)
{
  const char *dir = g_getenv ("QS_SHARED_MODELS");
  g_autoptr(GDir) d = NULL;
  const char *name;
  char *best = NULL;
  goffset best_size = -1;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *sub = g_build_filename (dir, name, NULL);
      g_autoptr(GDir) sd = NULL;
      const char *file;

      if (name[0] == '_' || (sd = g_dir_open (sub, 0, NULL)) == NULL)
        continue;
      while ((file = g_dir_read_name (sd)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, file, NULL);
          GStatBuf st;
          if (g_str_has_suffix (file, ".xml") && g_stat (path, &st) == 0 && st.st_size > best_size)
            {
              best_size = st.st_size;
              g_free (best);
              best = g_steal_pointer (&path);
            }
        }
    }
  return best;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *peer = NULL;
  g_autofree char *tmp = NULL;
  guint runs = 5;
  double base_cpu, base_rss;
  int i;

  if (argc == 4 && strcmp (argv[1], "--one") == 0)
    return run_one (argv[2], argv[3]);
  if (argc == 4 && strcmp (argv[1], "--generate") == 0)
    {
      /* --generate N DIR: write DIR/generated-N.xml/.bin and stop */
      g_autofree char *path = generate_ir (argv[3], (guint) atoi (argv[2]), 1);
      printf ("%s\n", path);
      return 0;
    }

  for (i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        {
          int n = atoi (argv[++i]);
          runs = MAX (1, n);
        }
      else
        g_ptr_array_add (files, g_strdup (argv[i]));
    }

  {
    g_autofree char *dir = g_path_get_dirname (self);
    peer = g_build_filename (dir, "bench-load-pugixml", NULL);
  }
  if (!g_file_test (peer, G_FILE_TEST_IS_EXECUTABLE))
    g_clear_pointer (&peer, g_free);

  if (files->len == 0)
    {
      char *shared = largest_shared_model ();
      tmp = g_dir_make_tmp ("qscope-bench-XXXXXX", NULL);
      if (shared != NULL)
        g_ptr_array_add (files, shared);
      g_ptr_array_add (files, generate_ir (tmp, 50000, 1));
      g_ptr_array_add (files, generate_ir (tmp, 100000, 1));
      /* the same 100,000-layer graph with a 256 MiB .bin: load cost must not grow */
      {
        g_autofree char *big_dir = g_build_filename (tmp, "bigbin", NULL);
        g_mkdir (big_dir, 0700);
        g_ptr_array_add (files, generate_ir (big_dir, 100000, 256));
      }
    }

  {
    g_autofree double *bc = g_new (double, 3);
    g_autofree double *bm = g_new (double, 3);
    guint k;

    for (k = 0; k < 3; k++)
      {
        Sample s = measure (self, NULL, "none", "/dev/null");
        bc[k] = s.cpu, bm[k] = s.max_rss_mb;
      }
    base_cpu = median (bc, 3), base_rss = median (bm, 3);
  }
  printf ("%u rounds per file; each round runs every parser once, each in a child process.  Medians;\n"
          "qs/sax is the median of the ratios within rounds.  Three lines per file: wall seconds of the\n"
          "load; CPU seconds of the child (user + system, less an empty child's %.3f s), which a busy\n"
          "machine disturbs less; peak RSS in MB (less an empty child's %.1f MB).\n\n", runs, base_cpu, base_rss);
  printf ("%-40s %8s %8s | %9s %9s %9s %9s | %7s %10s\n", "file", "MB xml", "MB bin",
          "qscope", "sax", "dom", "pugixml", "qs/sax", "qs/pugixml");

  for (i = 0; i < (int) files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *bin = NULL;
      g_autofree char *base = g_path_get_basename (path);
      Result res;
      double *t = res.seconds, *c = res.cpu, *m = res.rss;
      guint p;
      GStatBuf xs, bs;

      {
        g_autofree char *stem = g_strndup (path, strlen (path) - 4);
        bin = g_strconcat (stem, ".bin", NULL);
      }
      g_stat (path, &xs);
      if (g_stat (bin, &bs) != 0)
        bs.st_size = 0;
      if (!measure_file (self, peer, path, runs, &res))
        {
          printf ("%-40s failed to load\n", base);
          continue;
        }
      for (p = 0; p < N_PARSERS; p++)
        if (res.have[p])
          c[p] -= base_cpu, m[p] -= base_rss;
      printf ("%-40s %8.1f %8.1f | %9.3f %9.3f %9.3f %9.3f | %7.2f %10s  wall s\n", base,
              xs.st_size / 1048576.0, bs.st_size / 1048576.0, t[QSCOPE], t[SAX], t[DOM], t[PUGIXML],
              res.time_ratio, "");
      printf ("%-40s %8s %8s | %9.3f %9.3f %9.3f %9.3f | %7.2f %10s  cpu s\n", "", "", "",
              c[QSCOPE], c[SAX], c[DOM], c[PUGIXML], c[QSCOPE] / c[SAX], "");
      if (res.have[PUGIXML])
        printf ("%-40s %8s %8s | %9.1f %9.1f %9.1f %9.1f | %7s %10.2f  MB\n", "", "", "",
                m[QSCOPE], m[SAX], m[DOM], m[PUGIXML], "", m[QSCOPE] / m[PUGIXML]);
      else
        printf ("%-40s %8s %8s | %9.1f %9.1f %9.1f %9s | %7s %10s  MB\n", "", "", "",
                m[QSCOPE], m[SAX], m[DOM], "n/a", "", "n/a");
    }

  printf ("\ngoals: qs/sax <= 1.5 (time), qs/pugixml < 0.33 (memory), and the same load for a\n"
          "small and a 256 MiB .bin (the two generated-100000 rows)\n");
  if (tmp != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
      if (system (cmd) != 0)
        g_printerr ("could not remove %s\n", tmp);
    }
  return 0;
}

// bench-load-pugixml.cpp — the peer in bench-load: parse an IR with pugixml,
// the XML parser OpenVINO's IR frontend uses, and print the seconds it took.
//
// Copyright 2026 The qscope authors
// SPDX-License-Identifier: Apache-2.0
#include <chrono>
#include <cstdio>

#include <pugixml.hpp>

int
main (int argc, char **argv)
{
  if (argc != 2)
    return 2;
  auto t0 = std::chrono::steady_clock::now ();
  pugi::xml_document doc;
  pugi::xml_parse_result ok = doc.load_file (argv[1]);
  if (!ok)
    return 1;
  // walk the layers once, as a reader would, so the tree is really used
  std::size_t n = 0;
  for (pugi::xml_node layer : doc.child ("net").child ("layers").children ("layer"))
    n += layer.attribute ("id").as_uint () != 0 ? 1 : 1;
  auto t1 = std::chrono::steady_clock::now ();
  std::printf ("%.6f %zu\n", std::chrono::duration<double> (t1 - t0).count (), n);
  std::fflush (stdout);
  return 0;
}

#!/usr/bin/env python3
# Writes the ir-reader seed corpus from the project's own models: each seed is
# a little-endian u32 .bin length, the XML, then the .bin (fuzz-ir-reader.c).
# Run from this folder after tests/malformed/make-corpus.py.
import glob, os, struct

out = 'corpus/ir-reader'
os.makedirs(out, exist_ok=True)
sources = sorted(glob.glob('../models/*.xml') + glob.glob('../malformed/*.xml'))
for xml_path in sources:
    xml = open(xml_path, 'rb').read()
    bin_path = xml_path[:-4] + '.bin'
    weights = open(bin_path, 'rb').read() if os.path.exists(bin_path) else b''
    if len(xml) + len(weights) > 262144:
        continue
    name = os.path.basename(os.path.dirname(xml_path)) + '-' + os.path.basename(xml_path)[:-4]
    with open(os.path.join(out, name), 'wb') as f:
        f.write(struct.pack('<I', len(weights)) + xml + weights)
print(len(os.listdir(out)), 'seeds')

#!/usr/bin/env python3
# compare-float-int8.py — the same detector as a float and as an INT8 model, on one photo:
# runs `qscope-cli dump` (float mode on the float model, fake-quant on the INT8 one), then prints a
# Markdown row: SQNR of the box regressions and class scores that feed DetectionOutput, SQNR of the
# detection list itself, and boxes above 0.5 (float / int8 / matched by label and IoU > 0.5).
#
#   tests/tools/compare-float-int8.py _build/app/qscope-cli PHOTO FLOAT.xml,INT8.xml [...]
import glob, math, os, struct, subprocess, sys, tempfile
cli, photo = sys.argv[1], sys.argv[2]
pairs = sys.argv[3:]
def npy(path):
    b = open(path, 'rb').read()
    hl = struct.unpack('<H', b[8:10])[0] if b[6] == 1 else struct.unpack('<I', b[8:12])[0]
    off = 10 + hl if b[6] == 1 else 12 + hl
    n = (len(b) - off) // 4
    return list(struct.unpack('<%df' % n, b[off:off + 4 * n]))
import re
def det_inputs(model):
    t = open(model).read()
    m = re.search(r'<layer id="(\d+)"[^>]*type="DetectionOutput"', t)
    ids = re.findall(r'<edge from-layer="(\d+)" from-port="\d+" to-layer="%s" to-port="([01])"' % m.group(1), t)
    return m.group(1), sorted(ids, key=lambda e: e[1])
def run(model, mode):
    d = tempfile.mkdtemp()
    subprocess.run([cli, 'dump', model, '--input', photo, '--mode', mode, '--save-tensors', d, '-o', d + '/d.csv'], check=True)
    det, ins = det_inputs(model)
    def load(lid):
        f = [p for p in glob.glob(d + '/%s_*.npy' % lid)]
        return npy(f[0])
    return load(det), [load(i) for i, _ in ins]
def boxes(v):
    out = []
    for i in range(0, len(v), 7):
        img, lab, conf, x0, y0, x1, y1 = v[i:i + 7]
        if img < 0: break
        if conf > 0.5: out.append((int(lab), conf, x0, y0, x1, y1))
    return out
def iou(a, b):
    ix = max(0, min(a[4], b[4]) - max(a[2], b[2])); iy = max(0, min(a[5], b[5]) - max(a[3], b[3]))
    inter = ix * iy; u = (a[4]-a[2])*(a[5]-a[3]) + (b[4]-b[2])*(b[5]-b[3]) - inter
    return inter / u if u > 0 else 0
for pair in pairs:
    fm, qm = pair.split(',')
    (x, xin), (y, yin) = run(fm, 'float'), run(qm, 'fq')
    def sq(x, y):
        num = math.sqrt(sum(a*a for a in x)); den = math.sqrt(sum((a-b)**2 for a, b in zip(x, y)))
        return 20*math.log10(num/den) if den > 0 else float('inf')
    sqnr = sq(x, y)
    loc, conf = sq(xin[0], yin[0]), sq(xin[1], yin[1])
    bx, by = boxes(x), boxes(y)
    matched = sum(1 for a in bx if any(a[0] == b[0] and iou(a, b) > 0.5 for b in by))
    print(f"| {os.path.basename(os.path.dirname(fm))} / {os.path.basename(os.path.dirname(qm))} | {os.path.basename(photo)} | {loc:.1f} | {conf:.1f} | {sqnr:.1f} | {len(bx)} / {len(by)} / {matched} |")

#!/usr/bin/env python3
# Writes the malformed-input corpus: one small IR per defect.  The expected
# error of each file lives in tests/test-malformed.c.  Run from this folder.
import struct

HEAD = '<?xml version="1.0"?>\n'

def port(pid, prec='FP32', dims=(1, 4), names=None):
    n = f' names="{names}"' if names else ''
    d = ''.join(f'<dim>{x}</dim>' for x in dims)
    return f'<port id="{pid}" precision="{prec}"{n}>{d}</port>'

def layer(lid, name, typ, data='', inputs=(), outputs=()):
    s = f'    <layer id="{lid}" name="{name}" type="{typ}" version="opset1">\n'
    if data:
        s += f'      <data {data}/>\n'
    if inputs:
        s += '      <input>' + ''.join(inputs) + '</input>\n'
    if outputs:
        s += '      <output>' + ''.join(outputs) + '</output>\n'
    return s + '    </layer>\n'

def edge(a, ap, b, bp):
    return f'    <edge from-layer="{a}" from-port="{ap}" to-layer="{b}" to-port="{bp}"/>\n'

def net(layers, edges, version='11', pre=''):
    return (HEAD + pre + f'<net name="bad" version="{version}">\n  <layers>\n' + ''.join(layers) +
            '  </layers>\n  <edges>\n' + ''.join(edges) + '  </edges>\n</net>\n')

PARAM = layer(0, 'in', 'Parameter', 'shape="1,4" element_type="f32"', outputs=[port(0)])
RELU = layer(1, 'relu', 'ReLU', inputs=[port(0)], outputs=[port(1)])
RESULT = layer(2, 'out', 'Result', inputs=[port(0)])
GOOD_EDGES = [edge(0, 0, 1, 0), edge(1, 1, 2, 0)]

def const(lid, et='f32', shape='4', offset=0, size=16, dims=(4,), prec='FP32'):
    return layer(lid, f'c{lid}', 'Const', f'element_type="{et}" shape="{shape}" offset="{offset}" size="{size}"',
                 outputs=[port(0, prec, dims)])

ADD = layer(3, 'add', 'Add', inputs=[port(0), port(1, dims=(4,))], outputs=[port(2)])
ADD_EDGES = [edge(0, 0, 3, 0), edge(5, 0, 3, 1), edge(3, 2, 2, 0)]

files = {}
files['empty.xml'] = ''
files['truncated.xml'] = net([PARAM, RELU, RESULT], GOOD_EDGES)[:300]
files['not-xml.xml'] = '\x7fELF\x02\x01\x01\x00 this is no XML at all'
files['wrong-root.xml'] = HEAD + '<html><body>hello</body></html>\n'
files['no-version.xml'] = net([PARAM, RELU, RESULT], GOOD_EDGES).replace(' version="11"', '')
files['version-4.xml'] = net([PARAM, RELU, RESULT], GOOD_EDGES, version='4')
files['version-12.xml'] = net([PARAM, RELU, RESULT], GOOD_EDGES, version='12')
files['unknown-element-type.xml'] = net([PARAM, const(5, et='f31'), ADD, RESULT], ADD_EDGES)
files['unknown-precision.xml'] = net([PARAM, RELU.replace('precision="FP32"><dim>1</dim><dim>4</dim></port></output>',
                                                           'precision="FP33"><dim>1</dim><dim>4</dim></port></output>'),
                                      RESULT], GOOD_EDGES)
files['edge-missing-layer.xml'] = net([PARAM, RELU, RESULT], [edge(0, 0, 1, 0), edge(7, 1, 2, 0)])
files['edge-missing-port.xml'] = net([PARAM, RELU, RESULT], [edge(0, 0, 1, 0), edge(1, 1, 2, 9)])
files['edge-from-input-port.xml'] = net([PARAM, RELU, RESULT], [edge(0, 0, 1, 0), edge(1, 0, 2, 0)])
files['double-edge.xml'] = net([PARAM, RELU, RESULT], GOOD_EDGES + [edge(0, 0, 2, 0)])
files['edge-port-too-large.xml'] = net([PARAM, RELU, RESULT], [edge(0, 0, 1, 0), edge(1, 4294967296, 2, 0)])
files['edge-bad-attribute.xml'] = net([PARAM, RELU, RESULT], [edge(0, 0, 1, 0), edge(1, 1, 2, 0).replace('to-layer="2"', 'to-layer="two"')])
files['const-outside-bin.xml'] = net([PARAM, const(5, offset=8), ADD, RESULT], ADD_EDGES)
files['const-outside-bin.bin'] = struct.pack('<4f', 1, 2, 3, 4)
files['const-offset-overflow.xml'] = net([PARAM, const(5, offset=18446744073709551615), ADD, RESULT], ADD_EDGES)
files['const-offset-overflow.bin'] = struct.pack('<4f', 1, 2, 3, 4)
files['const-size-mismatch.xml'] = net([PARAM, const(5, size=12), ADD, RESULT], ADD_EDGES)
files['const-size-mismatch.bin'] = struct.pack('<4f', 1, 2, 3, 4)
files['const-shape-port-mismatch.xml'] = net([PARAM, const(5, dims=(2, 2)), ADD, RESULT], ADD_EDGES)
files['const-shape-port-mismatch.bin'] = struct.pack('<4f', 1, 2, 3, 4)
files['const-missing-offset.xml'] = net([PARAM, const(5).replace(' offset="0"', ''), ADD, RESULT], ADD_EDGES)
files['const-shape-overflow.xml'] = net([PARAM, const(5, shape='2147483647,2147483647,2147483647', dims=()), ADD, RESULT], ADD_EDGES)
files['const-dynamic-shape.xml'] = net([PARAM, const(5, shape='?,4', dims=()), ADD, RESULT], ADD_EDGES)
files['bin-missing.xml'] = net([PARAM, const(5), ADD, RESULT], ADD_EDGES)
files['negative-dim.xml'] = net([PARAM, RELU.replace('<dim>1</dim><dim>4</dim></port></output>', '<dim>1</dim><dim>-5</dim></port></output>'), RESULT], GOOD_EDGES)
files['huge-dim.xml'] = net([PARAM, RELU.replace('<dim>4</dim></port></output>', '<dim>99999999999999999999</dim></port></output>'), RESULT], GOOD_EDGES)
files['dim-over-limit.xml'] = net([PARAM, RELU.replace('<dim>4</dim></port></output>', '<dim>4294967296</dim></port></output>'), RESULT], GOOD_EDGES)
files['dim-not-a-number.xml'] = net([PARAM, RELU.replace('<dim>4</dim></port></output>', '<dim>four</dim></port></output>'), RESULT], GOOD_EDGES)
files['too-many-dims.xml'] = net([PARAM, RELU.replace('<dim>1</dim><dim>4</dim></port></output>', '<dim>1</dim>' * 70 + '</port></output>'), RESULT], GOOD_EDGES)
files['duplicate-layer-id.xml'] = net([PARAM, RELU, RESULT, layer(1, 'again', 'ReLU', inputs=[port(0)], outputs=[port(1)])], GOOD_EDGES)
files['duplicate-port-id.xml'] = net([PARAM, RELU.replace('<output><port id="1"', '<output><port id="0"'), RESULT], [edge(0, 0, 1, 0)])
files['layer-without-id.xml'] = net([PARAM, RELU.replace('<layer id="1" ', '<layer '), RESULT], [edge(0, 0, 1, 0)])
files['layer-without-type.xml'] = net([PARAM, RELU.replace(' type="ReLU"', ''), RESULT], GOOD_EDGES)
files['cycle.xml'] = net([PARAM, layer(1, 'a', 'Add', inputs=[port(0), port(1)], outputs=[port(2)]),
                          layer(3, 'b', 'ReLU', inputs=[port(0)], outputs=[port(1)]), RESULT],
                         [edge(0, 0, 1, 0), edge(3, 1, 1, 1), edge(1, 2, 3, 0), edge(1, 2, 2, 0)])
files['billion-laughs.xml'] = (HEAD + '<!DOCTYPE net [\n' + '<!ENTITY a0 "lol">\n' +
    ''.join(f'<!ENTITY a{i} "' + f'&a{i-1};' * 10 + '">\n' for i in range(1, 10)) +
    ']>\n<net name="&a9;" version="11"><layers/><edges/></net>\n')
files['external-entity.xml'] = (HEAD + '<!DOCTYPE net [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>\n' +
    '<net name="&secret;" version="11"><layers/><edges/></net>\n')
files['external-dtd.xml'] = (HEAD + '<!DOCTYPE net SYSTEM "http://127.0.0.1:9/net.dtd">\n' +
    '<net name="x" version="11"><layers/><edges/></net>\n')
files['undeclared-entity.xml'] = net([PARAM, RELU, RESULT], GOOD_EDGES).replace('name="bad"', 'name="&oops;"')
files['too-deep.xml'] = net([PARAM, RELU, RESULT], GOOD_EDGES).replace('<layers>', '<layers>' + '<x>' * 300 + '</x>' * 300)
files['dim-holds-element.xml'] = net([PARAM, RELU.replace('<dim>4</dim></port></output>', '<dim><b>4</b></dim></port></output>'), RESULT], GOOD_EDGES)
files['blobs-in-layer.xml'] = net([PARAM, RELU.replace('<input>', '<blobs><weights offset="0" size="4"/></blobs><input>'), RESULT], GOOD_EDGES)
files['string-header.xml'] = net([PARAM, const(5, et='string', shape='2', size=16, dims=(2,), prec='STRING'), ADD, RESULT], ADD_EDGES)
files['string-header.bin'] = struct.pack('<iiii', 7, 0, 1, 2)

# bytes that do not decode in the declared encoding (libxml2 also reports these on its own)
files['bad-encoding.xml'] = ('<?xml version="1.0" encoding="EUC-JP"?>\n'.encode() +
    b'<net name="\x20\x36\xb6\x3b\xff\xfe\x80" version="11"><layers/><edges/></net>\n')

for name, text in files.items():
    mode = 'wb' if isinstance(text, bytes) else 'w'
    with open(name, mode) as f:
        f.write(text)
print(len([n for n in files if n.endswith('.xml')]), 'xml files')

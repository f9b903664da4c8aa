#!/usr/bin/env python3
# Writes the exec seed corpus (fuzz-exec.c): the project's small models and
# handwritten one-op models, many of them hostile (shapes computed at run
# time that are huge, negative or overflow).  Each seed is a little-endian
# u32 .bin length, the XML, then the .bin.  Run from this folder.
import glob, os, struct

out = 'corpus/exec'
os.makedirs(out, exist_ok=True)

def write(name, xml, weights=b''):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(struct.pack('<I', len(weights)) + xml.encode() + weights)

for xml_path in sorted(glob.glob('../models/*.xml')):
    xml = open(xml_path).read()
    bin_path = xml_path[:-4] + '.bin'
    weights = open(bin_path, 'rb').read() if os.path.exists(bin_path) else b''
    write('model-' + os.path.basename(xml_path)[:-4], xml, weights)

FMT = {'f32': '<%df', 'i64': '<%dq', 'i32': '<%di', 'u8': '<%dB', 'i8': '<%db'}

def dims(shape):
    return ''.join('<dim>%d</dim>' % d for d in shape)

def model(op, version, attrs, inputs, n_out=1, param=None):
    """inputs: list of (element_type, shape, values); param: the index of an
    input that is a Parameter instead of a Const."""
    layers, edges, weights = [], [], b''
    for i, (et, shape, values) in enumerate(inputs):
        lid = i + 1
        if i == param:
            layers.append('<layer id="%d" name="in%d" type="Parameter" version="opset1">'
                          '<data shape="%s" element_type="%s"/><output><port id="0" precision="FP32">%s</port></output></layer>'
                          % (lid, i, ','.join(map(str, shape)), et, dims(shape)))
        else:
            data = struct.pack(FMT[et] % len(values), *values)
            layers.append('<layer id="%d" name="c%d" type="Const" version="opset1">'
                          '<data element_type="%s" shape="%s" offset="%d" size="%d"/>'
                          '<output><port id="0">%s</port></output></layer>'
                          % (lid, i, et, ','.join(map(str, shape)), len(weights), len(data), dims(shape)))
            weights += data
        edges.append('<edge from-layer="%d" from-port="0" to-layer="100" to-port="%d"/>' % (lid, i))
    ins = ''.join('<port id="%d">%s</port>' % (i, dims(s)) for i, (_, s, _) in enumerate(inputs))
    outs = ''.join('<port id="%d"/>' % (len(inputs) + k) for k in range(n_out))
    layers.append('<layer id="100" name="op" type="%s" version="%s"><data %s/><input>%s</input><output>%s</output></layer>'
                  % (op, version, attrs, ins, outs))
    for k in range(n_out):
        layers.append('<layer id="%d" name="r%d" type="Result" version="opset1"><input><port id="0"/></input></layer>'
                      % (200 + k, k))
        edges.append('<edge from-layer="100" from-port="%d" to-layer="%d" to-port="0"/>' % (len(inputs) + k, 200 + k))
    xml = ('<?xml version="1.0"?>\n<net name="seed" version="11"><layers>%s</layers><edges>%s</edges></net>\n'
           % (''.join(layers), ''.join(edges)))
    return xml, weights

X = ('f32', [1, 2, 2], [1, 2, 3, 4])
seeds = {
    'broadcast-huge': model('Broadcast', 'opset3', 'mode="numpy"', [('f32', [1], [1]), ('i64', [3], [1 << 20, 1 << 20, 1 << 20])]),
    'broadcast-negative': model('Broadcast', 'opset3', 'mode="bidirectional"', [X, ('i64', [3], [1, -5, 2])]),
    'broadcast-explicit': model('Broadcast', 'opset3', 'mode="explicit"', [X, ('i64', [3], [1, 7, 2]), ('i64', [3], [0, 1, 2])]),
    'tile-overflow': model('Tile', 'opset1', '', [X, ('i64', [3], [1 << 40, 1 << 40, 2])]),
    'tile-ok': model('Tile', 'opset1', '', [X, ('i64', [2], [2, 3])]),
    'range-huge': model('Range', 'opset4', 'output_type="f32"', [('f32', [], [0]), ('f32', [], [1e30]), ('f32', [], [1])]),
    'range-int': model('Range', 'opset4', 'output_type="i64"', [('i64', [], [0]), ('i64', [], [1 << 40]), ('i64', [], [1])]),
    'reshape-minus1': model('Reshape', 'opset1', 'special_zero="true"', [X, ('i64', [3], [-1, 0, -1])]),
    'reshape-huge': model('Reshape', 'opset1', 'special_zero="false"', [X, ('i64', [3], [1 << 40, 1 << 40, 1 << 40])]),
    'concat': model('Concat', 'opset1', 'axis="1"', [X, X]),
    'interp-scales': model('Interpolate', 'opset11', 'mode="nearest" shape_calculation_mode="scales"',
                           [('f32', [1, 1, 2, 2], [1, 2, 3, 4]), ('f32', [2], [1e20, 3]), ('i64', [2], [2, 3])]),
    'interp-sizes': model('Interpolate', 'opset4', 'mode="linear_onnx" shape_calculation_mode="sizes"',
                          [('f32', [1, 1, 2, 2], [1, 2, 3, 4]), ('i64', [2], [4, 1 << 40]), ('f32', [2], [2, 2]), ('i64', [2], [2, 3])]),
    'pad-huge': model('Pad', 'opset12', 'pad_mode="constant"', [X, ('i64', [3], [0, 1 << 62, 0]), ('i64', [3], [0, 1 << 62, 0])]),
    'pad-reflect': model('Pad', 'opset1', 'pad_mode="reflect"', [X, ('i64', [3], [0, 1, 1]), ('i64', [3], [0, 1, 1])]),
    'strided-slice': model('StridedSlice', 'opset1', 'begin_mask="0,0,0" end_mask="0,0,0" new_axis_mask="1,1,1,1,1,1,1,1,1"',
                           [X, ('i64', [3], [0, 0, 0]), ('i64', [3], [1, 2, 2]), ('i64', [3], [1, 1, (1 << 62)])]),
    'gather-oob': model('Gather', 'opset8', 'batch_dims="0"', [X, ('i64', [2], [1 << 40, -(1 << 40)]), ('i64', [], [1])]),
    'split-bad': model('VariadicSplit', 'opset1', '', [X, ('i64', [], [2]), ('i64', [2], [-1, 5])], n_out=2),
    'topk-big': model('TopK', 'opset11', 'axis="2" mode="max" sort="value"', [X, ('i64', [], [1 << 40])], n_out=2),
    'nms': model('NonMaxSuppression', 'opset5', '', [('f32', [1, 2, 4], [0, 0, 1, 1, 0, 0, 1, 1]), ('f32', [1, 1, 2], [0.9, 0.8]),
                                                     ('i64', [], [1 << 40]), ('f32', [], [0.5]), ('f32', [], [0])], n_out=3),
    'conv-pads': model('Convolution', 'opset1', 'strides="1,1" dilations="1,1" pads_begin="0,1099511627776" pads_end="0,0" auto_pad="explicit"',
                       [('f32', [1, 1, 2, 2], [1, 2, 3, 4]), ('f32', [1, 1, 1, 1], [2])]),
    'matmul': model('MatMul', 'opset1', 'transpose_a="true"', [X, ('f32', [2, 2], [1, 0, 0, 1])]),
    'depth-to-space': model('DepthToSpace', 'opset1', 'mode="blocks_first" block_size="4294967296"', [('f32', [1, 4, 1, 1], [1, 2, 3, 4])]),
    'maxpool-kernel': model('MaxPool', 'opset1', 'kernel="1099511627776,1" strides="1,1" pads_begin="0,0" pads_end="0,0"',
                            [('f32', [1, 1, 2, 2], [1, 2, 3, 4])]),
    'priorbox-grid': model('PriorBoxClustered', 'opset1', 'width="1" height="1" variance="0.1"',
                           [('i64', [2], [1 << 30, 1 << 30]), ('i64', [2], [300, 300])]),
    'fq-levels': model('FakeQuantize', 'opset1', 'levels="1099511627776"', [X, ('f32', [], [0]), ('f32', [], [1]), ('f32', [], [0]), ('f32', [], [1])]),
    'param-add': model('Add', 'opset1', '', [('f32', [1, 2, 2], []), ('f32', [1], [3])], param=0),
    # 3-D convolution and pooling, FakeQuantize pdpd, the Pillow modes on u8,
    # DetectionOutput per class with the RefineDet inputs, MXNet PriorBox
    'conv3d': model('Convolution', 'opset1', 'strides="1,1,2" dilations="1,2,1" pads_begin="1,0,1" pads_end="0,1,1"',
                    [('f32', [1, 1, 3, 3, 3], list(range(27))), ('f32', [2, 1, 2, 2, 1], [1, 0, 0, 1, 2, 0, 0, 2])]),
    'group-conv3d': model('GroupConvolution', 'opset1', 'strides="1,1,1" dilations="1,1,1" pads_begin="0,0,0" pads_end="0,0,0"',
                          [('f32', [1, 2, 2, 2, 2], list(range(16))), ('f32', [2, 1, 1, 2, 1, 1], [1, -1, 2, 1])]),
    'maxpool8-3d': model('MaxPool', 'opset8', 'kernel="2,2,2" strides="1,2,1" dilations="1,1,2" pads_begin="0,1,0" '
                         'pads_end="1,0,0" rounding_type="ceil" axis="2" index_element_type="i32"',
                         [('f32', [1, 1, 3, 3, 3], list(range(27)))], n_out=2),
    'avgpool-3d': model('AvgPool', 'opset1', 'kernel="2,2,2" strides="1,1,1" pads_begin="1,1,1" pads_end="0,0,0" exclude-pad="false"',
                        [('f32', [1, 1, 2, 2, 2], list(range(8)))]),
    'fq-pdpd': model('FakeQuantize', 'opset1', 'levels="5" auto_broadcast="pdpd" auto_broadcast_axis="1"',
                     [('f32', [1, 2, 2], [0, 1, 2, 3]), ('f32', [2, 1], [0, 1]), ('f32', [2, 1], [2, 3]),
                      ('f32', [2], [0, 0]), ('f32', [], [1])]),
    'interp-pillow-u8': model('Interpolate', 'opset11', 'mode="bicubic_pillow" shape_calculation_mode="sizes" cube_coeff="-0.5"',
                              [('u8', [1, 4, 4, 1], [0, 255, 0, 255, 255, 0, 255, 0] * 2), ('i64', [2], [7, 3]), ('i64', [2], [1, 2])]),
    'detout-refinedet': model('DetectionOutput', 'opset8',
                              'background_label_id="0" top_k="-1" keep_top_k="2" share_location="false" variance_encoded_in_target="true" '
                              'code_type="caffe.PriorBoxParameter.CENTER_SIZE" nms_threshold="0.5" confidence_threshold="0.1" '
                              'normalized="true" objectness_score="0.5" decrease_label_id="true"',
                              [('f32', [1, 16], [0.1] * 16), ('f32', [1, 4], [0.2, 0.8, 0.6, 0.4]),
                               ('f32', [1, 1, 8], [0, 0, 0.5, 0.5, 0.4, 0.4, 1, 1]), ('f32', [1, 4], [0.1, 0.9, 0.7, 0.3]),
                               ('f32', [1, 16], [0.05] * 16)]),
    'priorbox-mxnet': model('PriorBox', 'opset1', 'min_size="0.2,0.4" aspect_ratio="2" flip="true" scale_all_sizes="false" step="-1"',
                            [('i64', [2], [2, 3]), ('i64', [2], [30, 20])]),
}
for name, (xml, weights) in seeds.items():
    write(name, xml, weights)

# ShapeOf -> Multiply by a Const holding 2^40 -> Broadcast: a shape chain
chain = ('<?xml version="1.0"?>\n<net name="chain" version="11"><layers>'
         '<layer id="1" name="c" type="Const" version="opset1"><data element_type="f32" shape="1,2,2" offset="0" size="16"/><output><port id="0"><dim>1</dim><dim>2</dim><dim>2</dim></port></output></layer>'
         '<layer id="2" name="shape" type="ShapeOf" version="opset3"><data output_type="i64"/><input><port id="0"><dim>1</dim><dim>2</dim><dim>2</dim></port></input><output><port id="1"><dim>3</dim></port></output></layer>'
         '<layer id="3" name="big" type="Const" version="opset1"><data element_type="i64" shape="" offset="16" size="8"/><output><port id="0"/></output></layer>'
         '<layer id="4" name="mul" type="Multiply" version="opset1"><input><port id="0"><dim>3</dim></port><port id="1"/></input><output><port id="2"><dim>3</dim></port></output></layer>'
         '<layer id="5" name="bc" type="Broadcast" version="opset3"><data mode="bidirectional"/><input><port id="0"><dim>1</dim><dim>2</dim><dim>2</dim></port><port id="1"><dim>3</dim></port></input><output><port id="2"/></output></layer>'
         '<layer id="6" name="r" type="Result" version="opset1"><input><port id="0"/></input></layer>'
         '</layers><edges>'
         '<edge from-layer="1" from-port="0" to-layer="2" to-port="0"/>'
         '<edge from-layer="2" from-port="1" to-layer="4" to-port="0"/>'
         '<edge from-layer="3" from-port="0" to-layer="4" to-port="1"/>'
         '<edge from-layer="1" from-port="0" to-layer="5" to-port="0"/>'
         '<edge from-layer="4" from-port="2" to-layer="5" to-port="1"/>'
         '<edge from-layer="5" from-port="2" to-layer="6" to-port="0"/>'
         '</edges></net>\n')
write('shapeof-multiply-broadcast', chain, struct.pack('<4f', 1, 2, 3, 4) + struct.pack('<q', 1 << 40))
print(len(os.listdir(out)), 'seeds')

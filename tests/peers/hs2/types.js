// DuckDB types and values to TCLIService type descriptions and row sets.
'use strict';

const Int64 = require('node-int64');
const T = require('hive-driver/thrift/gen-nodejs/TCLIService_types');

const TT = T.TTypeId;

function i64(n) {
  const u = BigInt.asUintN(64, BigInt(n));
  return new Int64(Number(u >> 32n), Number(u & 0xffffffffn));
}

function primitive(typeId, qualifiers) {
  const entry = new T.TPrimitiveTypeEntry({ type: typeId });
  if (qualifiers) {
    const q = {};
    for (const [k, v] of Object.entries(qualifiers)) q[k] = new T.TTypeQualifierValue({ i32Value: v });
    entry.typeQualifiers = new T.TTypeQualifiers({ qualifiers: q });
  }
  return new T.TTypeDesc({ types: [new T.TTypeEntry({ primitiveEntry: entry })] });
}

// Hive-style text for complex values: [1,2], {"k":1}
function complexText(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v.items)) return '[' + v.items.map(complexText).join(',') + ']';
  if (Array.isArray(v.entries)) return '{' + v.entries.map((e) => complexText(String(e.key)) + ':' + complexText(e.value)).join(',') + '}';
  if (v.entries && typeof v.entries === 'object') return '{' + Object.entries(v.entries).map(([k, x]) => JSON.stringify(k) + ':' + complexText(x)).join(',') + '}';
  return JSON.stringify(String(v));
}

const text = (v) => String(v);

// kind: the TColumn member used on the wire.
function mapType(duckType) {
  const id = duckType.typeId;
  switch (id) {
    case 1: return { kind: 'bool', desc: primitive(TT.BOOLEAN_TYPE) };
    case 2: return { kind: 'byte', desc: primitive(TT.TINYINT_TYPE) };
    case 3: case 6: return { kind: 'i16', desc: primitive(TT.SMALLINT_TYPE) };
    case 4: case 7: return { kind: 'i32', desc: primitive(TT.INT_TYPE) };
    case 5: case 8: return { kind: 'i64', desc: primitive(TT.BIGINT_TYPE) };
    case 10: return { kind: 'double', desc: primitive(TT.FLOAT_TYPE) };
    case 11: return { kind: 'double', desc: primitive(TT.DOUBLE_TYPE) };
    case 18: return { kind: 'binary', desc: primitive(TT.BINARY_TYPE) };
    case 19: return { kind: 'string', conv: text, desc: primitive(TT.DECIMAL_TYPE, { precision: duckType.width, scale: duckType.scale }) };
    case 9: case 16: case 32: return { kind: 'string', conv: text, desc: primitive(TT.DECIMAL_TYPE, { precision: 38, scale: 0 }) };
    case 13: return { kind: 'string', conv: text, desc: primitive(TT.DATE_TYPE) };
    case 12: case 20: case 21: case 22: return { kind: 'string', conv: text, desc: primitive(TT.TIMESTAMP_TYPE) };
    case 31: return { kind: 'string', conv: text, desc: primitive(22) };
    case 15: return { kind: 'string', conv: text, desc: primitive(TT.INTERVAL_DAY_TIME_TYPE) };
    case 24: case 33: return { kind: 'string', conv: complexText, desc: primitive(TT.ARRAY_TYPE) };
    case 26: return { kind: 'string', conv: complexText, desc: primitive(TT.MAP_TYPE) };
    case 25: return { kind: 'string', conv: complexText, desc: primitive(TT.STRUCT_TYPE) };
    case 36: return { kind: 'string', conv: text, desc: primitive(TT.NULL_TYPE) };
    case 17: return { kind: 'string', conv: text, desc: primitive(TT.STRING_TYPE) };
    default: return { kind: 'string', conv: text, desc: primitive(TT.STRING_TYPE) };
  }
}

// java.util.BitSet.toByteArray(): little-endian bits, trailing zero bytes dropped.
function nullsBitmap(values, from, to) {
  const bytes = Buffer.alloc(Math.ceil((to - from) / 8));
  let last = -1;
  for (let i = from; i < to; i++) {
    if (values[i] === null || values[i] === undefined) {
      const r = i - from;
      bytes[r >> 3] |= 1 << (r & 7);
      last = r >> 3;
    }
  }
  return bytes.subarray(0, last + 1);
}

function toColumns(types, columns, from, to) {
  return types.map((t, c) => {
    const src = columns[c] || [];
    const nulls = nullsBitmap(src, from, to);
    const values = new Array(to - from);
    for (let i = from; i < to; i++) {
      const v = src[i];
      const isNull = v === null || v === undefined;
      switch (t.kind) {
        case 'bool': values[i - from] = isNull ? false : !!v; break;
        case 'byte': case 'i16': case 'i32': values[i - from] = isNull ? 0 : Number(v); break;
        case 'i64': values[i - from] = i64(isNull ? 0 : v); break;
        case 'double': values[i - from] = isNull ? 0 : Number(v); break;
        case 'binary': values[i - from] = isNull ? Buffer.alloc(0) : Buffer.from(v.bytes || Buffer.from(String(v))); break;
        default:
          // Kyuubi's Spark engine puts the text "NULL" in null slots: clients must use the bitmap.
          values[i - from] = isNull ? 'NULL' : t.conv(v);
      }
    }
    const member = {
      bool: ['boolVal', T.TBoolColumn], byte: ['byteVal', T.TByteColumn], i16: ['i16Val', T.TI16Column],
      i32: ['i32Val', T.TI32Column], i64: ['i64Val', T.TI64Column], double: ['doubleVal', T.TDoubleColumn],
      binary: ['binaryVal', T.TBinaryColumn], string: ['stringVal', T.TStringColumn],
    }[t.kind];
    return new T.TColumn({ [member[0]]: new member[1]({ values, nulls }) });
  });
}

// Row-based sets for protocol versions before V6; an absent value is NULL.
function toRows(types, columns, from, to) {
  const rows = [];
  for (let i = from; i < to; i++) {
    const colVals = types.map((t, c) => {
      const v = (columns[c] || [])[i];
      const isNull = v === null || v === undefined;
      switch (t.kind) {
        case 'bool': return new T.TColumnValue({ boolVal: new T.TBoolValue(isNull ? {} : { value: !!v }) });
        case 'byte': return new T.TColumnValue({ byteVal: new T.TByteValue(isNull ? {} : { value: Number(v) }) });
        case 'i16': return new T.TColumnValue({ i16Val: new T.TI16Value(isNull ? {} : { value: Number(v) }) });
        case 'i32': return new T.TColumnValue({ i32Val: new T.TI32Value(isNull ? {} : { value: Number(v) }) });
        case 'i64': return new T.TColumnValue({ i64Val: new T.TI64Value(isNull ? {} : { value: i64(v) }) });
        case 'double': return new T.TColumnValue({ doubleVal: new T.TDoubleValue(isNull ? {} : { value: Number(v) }) });
        case 'binary': return new T.TColumnValue({ stringVal: new T.TStringValue(isNull ? {} : { value: Buffer.from(v.bytes).toString('latin1') }) });
        default: return new T.TColumnValue({ stringVal: new T.TStringValue(isNull ? {} : { value: t.conv(v) }) });
      }
    });
    rows.push(new T.TRow({ colVals }));
  }
  return rows;
}

module.exports = { mapType, toColumns, toRows, i64 };

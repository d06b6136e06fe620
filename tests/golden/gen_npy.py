#!/usr/bin/python3
"""NumPy-made .npy/.npz files for numfuse's I/O tests (tests/test_npy.cpp).

Run with the system Python that has NumPy (1.24 on the CI image):

    /usr/bin/python3 tests/golden/gen_npy.py            # (re)write tests/data/npy/
    /usr/bin/python3 tests/golden/gen_npy.py --verify DIR

The first form writes small files into tests/data/npy/ -- every numfuse
dtype in little- and big-endian byte order, C and Fortran order, 0-d and
empty arrays, format versions 1.0/2.0/3.0, a Python 2 style header, an .npz,
a compressed .npz and a ZIP64 .npz -- and tests/data/npy/expected.txt, which
describes their contents in the golden format of tests/golden/generate.py
(read by tests/golden_reader.hpp):

    A <file>[/<member>] <dtype> <shape> <values in C order>

Output is deterministic (fixed seed, fixed zip timestamps), so running the
script again leaves `git diff tests/data/npy` empty. The C++ tests never run
Python.

--verify DIR checks files numfuse wrote: run the test with
NUMFUSE_NPY_OUT_DIR=DIR (test_npy then saves every expected array, and
every .npz, with numfuse into DIR under the same names), then this mode loads
each file with NumPy, compares dtype, shape and values with expected.txt and
checks that every .npy is byte-identical to what np.save writes for the same
array.
"""

import io
import os
import sys
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "data", "npy"))
EXPECTED = os.path.join(OUT, "expected.txt")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
          "uint64", "float32", "float64"]
SHORT = {"bool": "b1", "int8": "i1", "int16": "i2", "int32": "i4", "int64": "i8",
         "uint8": "u1", "uint16": "u2", "uint32": "u4", "uint64": "u8",
         "float32": "f4", "float64": "f8"}


# ---------------------------------------------------------------------------
# Formatting (as tests/golden/generate.py)
# ---------------------------------------------------------------------------


def fmt_value(dt, v):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return "1" if bool(v) else "0"
    if dt.kind in "iu":
        return str(int(v))
    if dt == np.float32:
        s = str(np.float32(v))
        assert np.float32(s) == np.float32(v) or np.isnan(np.float32(v)), s
        return s
    if dt == np.float64:
        return repr(float(v))
    raise TypeError(dt)


def fmt_tuple(t):
    t = tuple(int(x) for x in t)
    if len(t) == 1:
        return "(%d,)" % t[0]
    return "(" + ",".join(str(x) for x in t) + ")"


def record(name, a):
    dt = a.dtype.newbyteorder("=")
    flat = np.array(a, order="C").astype(dt).reshape(-1)
    vals = " ".join(fmt_value(dt, v) for v in flat)
    return ("A %s %s %s %s" % (name, dt.name, fmt_tuple(a.shape), vals)).rstrip()


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


def values(dtype, shape, rng):
    """Deterministic values exercising the whole range of a dtype."""
    dt = np.dtype(dtype)
    n = int(np.prod(shape))
    if dt == np.bool_:
        a = rng.integers(0, 2, n).astype(bool)
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        a = rng.integers(info.min, info.max, n, dtype=dt, endpoint=True)
        if n >= 2:
            a[0], a[1] = info.min, info.max
    else:
        a = (rng.standard_normal(n) * 1e3).astype(dt)
        special = [np.nan, np.inf, -np.inf, -0.0, np.finfo(dt).tiny / 4, np.finfo(dt).max]
        for i, s in enumerate(special[: max(0, n - 2)]):
            a[i + 1] = s
    return a.reshape(shape)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def save_npy(path, a, version=None):
    with open(path, "wb") as f:
        np.lib.format.write_array(f, a, version=version, allow_pickle=False)


def write_zip(path, members, compression, zip64=False):
    """Like np.savez: one member '<name>.npy' per array (ZIP64 local extras
    as NumPy's force_zip64), with a fixed timestamp for reproducible files.
    zip64=True lowers zipfile's limits so that the central directory and the
    end records are ZIP64 as well, as NumPy writes them for huge files."""
    saved = (zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT)
    if zip64:
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 16, 1
    try:
        with zipfile.ZipFile(path, "w", compression=compression, allowZip64=True) as zf:
            for name, a in members:
                info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = compression
                info.external_attr = 0o600 << 16
                with zf.open(info, "w", force_zip64=True) as fid:
                    np.lib.format.write_array(fid, np.asanyarray(a), allow_pickle=False)
    finally:
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = saved


def generate():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith((".npy", ".npz")):
            os.remove(os.path.join(OUT, f))
    rng = np.random.default_rng(20240607)
    lines = ["# Generated by tests/golden/gen_npy.py with NumPy %s; do not edit." % np.__version__,
             "# Contents of the files in this folder: A <file>[/<member>] <dtype> <shape> <values>."]

    def add(fname, a, version=None, fortran=False):
        arr = np.array(a, order="F" if fortran else "C")  # (ascontiguousarray makes 0-d 1-d)
        save_npy(os.path.join(OUT, fname + ".npy"), arr, version)
        lines.append(record(fname, a))

    for name in DTYPES:
        s = SHORT[name]
        orders = ["|"] if np.dtype(name).itemsize == 1 else ["<", ">"]
        for bo in orders:
            tag = {"|": "na", "<": "le", ">": "be"}[bo]
            dt = np.dtype(name).newbyteorder(bo) if bo != "|" else np.dtype(name)
            a = values(name, (3, 4), rng).astype(dt)
            add("%s_%s_c" % (s, tag), a)
            b = values(name, (2, 3, 4), rng).astype(dt)
            add("%s_%s_f" % (s, tag), b, fortran=True)
        add("%s_1d" % s, values(name, (7,), rng))

    # 0-d and empty arrays
    add("f8_0d", np.array(2.5))
    add("i4_0d_be", np.array(-123456, dtype=">i4"))
    add("b1_0d", np.array(True))
    add("f4_empty", np.zeros((0,), dtype=np.float32))
    add("i2_empty_2d", np.zeros((3, 0), dtype=np.int16))
    add("u8_empty_f", np.zeros((0, 4), dtype=np.uint64), fortran=True)
    add("f8_4d_f", values("float64", (2, 1, 3, 2), rng), fortran=True)

    # format versions
    v = values("float64", (2, 3), rng)
    add("f8_v1", v, version=(1, 0))
    add("f8_v2", v, version=(2, 0))
    add("f8_v3", v, version=(3, 0))
    add("i8_v2_f", values("int64", (3, 2), rng), version=(2, 0), fortran=True)

    # A Python 2 era header: longs with an L suffix (NumPy still reads them).
    p2 = values("int16", (2, 2), rng)
    hdr = "{'descr': '<i2', 'fortran_order': False, 'shape': (2L, 2L), }"
    hdr += " " * (64 - (10 + len(hdr) + 1) % 64) + "\n"
    with open(os.path.join(OUT, "i2_py2.npy"), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + len(hdr).to_bytes(2, "little") + hdr.encode("latin1"))
        f.write(p2.astype("<i2").tobytes())
    lines.append(record("i2_py2", p2))

    # .npz archives
    members = [("x", values("float64", (4, 3), rng)),
               ("count", values("int32", (5,), rng)),
               ("mask", values("bool", (2, 2), rng)),
               ("scalar", np.array(7, dtype=np.uint16)),
               ("empty", np.zeros((0, 2), dtype=np.float32)),
               ("fortran", np.asfortranarray(values("int8", (3, 5), rng))),
               ("big_endian", values("uint32", (6,), rng).astype(">u4"))]
    for fname, comp, z64 in [("arrays", zipfile.ZIP_STORED, False),
                             ("arrays_compressed", zipfile.ZIP_DEFLATED, False),
                             ("arrays_zip64", zipfile.ZIP_STORED, True)]:
        write_zip(os.path.join(OUT, fname + ".npz"), members, comp, z64)
        for name, a in members:
            lines.append(record("%s/%s" % (fname, name), a))
    # Checked in the test by formula (too long for expected.txt): deflate
    # output and input both span many 64 KiB buffers.
    big = (np.arange(300000, dtype=np.int64) * 7919) % 1000
    write_zip(os.path.join(OUT, "big_compressed.npz"), [("big", big)], zipfile.ZIP_DEFLATED)
    # An archive without members (np.savez("x.npz") with no arrays).
    write_zip(os.path.join(OUT, "empty.npz"), [], zipfile.ZIP_STORED)

    with open(EXPECTED, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d records to %s" % (len(lines) - 2, EXPECTED))


# ---------------------------------------------------------------------------
# Verifying files numfuse wrote
# ---------------------------------------------------------------------------


def parse_expected():
    out = {}
    for line in open(EXPECTED):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        _, name, dtype, shape = parts[:4]
        shape = tuple(int(x) for x in shape.strip("()").split(",") if x)
        vals = parts[4:]
        if dtype == "bool":
            arr = np.array([v == "1" for v in vals], dtype=bool)
        elif dtype.startswith(("int", "uint")):
            arr = np.array([int(v) for v in vals], dtype=dtype)
        else:
            arr = np.array([float(v) for v in vals], dtype=dtype)
        out[name] = arr.reshape(shape)
    return out


def same(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind == "f":
        num = ~np.isnan(a)
        return bool(np.array_equal(a, b, equal_nan=True) and
                    np.array_equal(np.signbit(a[num]), np.signbit(b[num])))  # -0.0 != 0.0
    return bool(np.array_equal(a, b))


def verify(folder):
    expected = parse_expected()
    bad = checked = 0
    for fname in sorted(os.listdir(folder)):
        path = os.path.join(folder, fname)
        if fname.endswith(".npy"):
            name = fname[:-4]
            if name not in expected:
                continue
            got = np.load(path, allow_pickle=False)
            want = expected[name]
            ok = same(got, want)
            buf = io.BytesIO()
            np.save(buf, want)
            identical = buf.getvalue() == open(path, "rb").read()
            checked += 1
            if not ok or not identical:
                bad += 1
                print("MISMATCH %s: values %s, bytes identical to np.save: %s" %
                      (fname, "ok" if ok else "differ", identical))
        elif fname.endswith(".npz"):
            prefix = fname[:-4] + "/"
            with zipfile.ZipFile(path) as zf:
                if zf.testzip() is not None:
                    bad += 1
                    print("BAD ZIP %s" % fname)
            with np.load(path, allow_pickle=False) as z:
                want_names = sorted(k[len(prefix):] for k in expected if k.startswith(prefix))
                if sorted(z.files) != want_names:
                    bad += 1
                    print("MEMBERS %s: %s != %s" % (fname, sorted(z.files), want_names))
                for m in z.files:
                    checked += 1
                    if prefix + m in expected and not same(z[m], expected[prefix + m]):
                        bad += 1
                        print("MISMATCH %s member %s" % (fname, m))
    print("verified %d arrays in %s: %d bad" % (checked, folder, bad))
    return 1 if bad or not checked else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--verify":
        sys.exit(verify(sys.argv[2]))
    if len(sys.argv) != 1:
        sys.exit(__doc__)
    generate()

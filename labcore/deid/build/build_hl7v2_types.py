"""Writes hl7v2_types.txt: the data type of every field of every HL7 v2 segment, and the component types of every
composite data type, for redaction by data type (labcore/src/redact/hl7_types.rs).

Source: the HL7 v2.5.1 and v2.8.2 structure definitions as packaged in hl7apy 1.3.5 (PyPI, MIT licence, CRS4),
modules hl7apy/v2_5_1 and hl7apy/v2_8_2 (segments.py, datatypes.py), which transcribe the HL7 v2 standard.
Usage:

    python3 -m venv /tmp/hv && /tmp/hv/bin/pip install hl7apy==1.3.5 && /tmp/hv/bin/python build_hl7v2_types.py

A field takes its v2.5.1 type; a field that v2.5.1 does not define (added in v2.6 to v2.8.2) takes its v2.8.2
type (and so does one hl7apy leaves untyped in v2.5.1: OBX-20 to OBX-22, reserved there); a field withdrawn in v2.8.2 (`WD`) keeps its v2.5.1 type. HL7 never renumbers fields, so one table serves
every version labcore reads (2.3 to 2.8). A composite type lists its v2.5.1 components, then those v2.8.2 added.
"""
import importlib
import os
import re

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "hl7v2_types.txt")
VERSIONS = ("v2_5_1", "v2_8_2")


def numbered(entries):
    """{position: type} of `NAME_n` entries."""
    out = {}
    for name, spec, *_ in entries:
        m = re.fullmatch(r"[A-Z0-9_]+?_(\d+)", name)
        if m and spec[2]:
            out[int(m.group(1))] = spec[2]
    return out


def segments(version):
    module = importlib.import_module(f"hl7apy.{version}.segments")
    return {seg: numbered(spec[1]) for seg, spec in module.SEGMENTS.items() if re.fullmatch(r"[A-Z][A-Z0-9]{2}", seg)}


def datatypes(version):
    module = importlib.import_module(f"hl7apy.{version}.datatypes")
    out = {}
    for name, spec in module.DATATYPES.items():
        m = re.fullmatch(r"([A-Z0-9]+(?:_SIMPLE)?)_(\d+)", name)
        if m:
            out.setdefault(m.group(1), {})[int(m.group(2))] = spec[2]
    return out


def merge(old, new):
    merged = dict(old)
    for n, t in new.items():
        if n not in merged and t != "WD":
            merged[n] = t
    return merged


def line(name, types):
    last = max(types) if types else 0
    return " ".join([name] + [types.get(n, "-") for n in range(1, last + 1)])


def main():
    old_s, new_s = (segments(v) for v in VERSIONS)
    old_d, new_d = (datatypes(v) for v in VERSIONS)
    lines = [
        "# HL7 v2 data types by position, for redaction by data type (labcore/src/redact/hl7_types.rs).",
        "# Source: HL7 v2.5.1 and v2.8.2 structure definitions as packaged in hl7apy 1.3.5 (MIT, CRS4), which",
        "# transcribe the HL7 v2 standard; written by build/build_hl7v2_types.py (see its header for the rules).",
        "# `SEG t1 t2 ...`: the type of field 1, 2, ... of segment SEG (`-`: not defined at that position).",
        "# `.TYPE c1 c2 ...`: the types of the components of composite type TYPE.",
    ]
    for seg in sorted(set(old_s) | set(new_s)):
        lines.append(line(seg, merge(old_s.get(seg, {}), new_s.get(seg, {}))))
    for dt in sorted(set(old_d) | set(new_d)):
        lines.append(line("." + dt, merge(old_d.get(dt, {}), new_d.get(dt, {}))))
    with open(OUT, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{OUT}: {len(old_s.keys() | new_s.keys())} segments, {len(old_d.keys() | new_d.keys())} composite types")


if __name__ == "__main__":
    main()

"""The baseline of labcore's HL7 benchmark: python-hl7 (`hl7` on PyPI) parsing the same ORU^R01 messages.

Usage: hl7_baseline.py MESSAGES_JSON [ROUNDS]

MESSAGES_JSON is a JSON array of strings, one HL7 v2 message each (segments end with CR, which a JSON string
keeps intact). Every round times `hl7.parse(message)` over all the messages; the script prints one JSON line:
the median, minimum and every round's time, per message. Exit code 3 means the `hl7` package is missing.
"""

import json
import statistics
import sys
import time

try:
    import hl7
except ImportError:
    print(json.dumps({"error": "the python package hl7 is not installed (scripts/setup.sh python)"}))
    sys.exit(3)


def main() -> None:
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with open(path, encoding="utf-8") as f:
        messages = json.load(f)
    # Check once, untimed, that every message parses to what labcore reads (so the timing measures real work).
    obx = sum(len(hl7.parse(m).segments("OBX")) for m in messages)
    parse = hl7.parse
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for message in messages:
            parse(message)
        times.append(time.perf_counter() - start)
    per = [t / len(messages) for t in times]
    print(json.dumps({
        "messages": len(messages),
        "bytes": sum(len(m.encode("utf-8")) for m in messages),
        "obx": obx,
        "rounds": rounds,
        "median_seconds_per_message": statistics.median(per),
        "min_seconds_per_message": min(per),
        "seconds_per_message": per,
        "python": sys.version.split()[0],
        "hl7": getattr(hl7, "__version__", "unknown"),
    }))


if __name__ == "__main__":
    main()

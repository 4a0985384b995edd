"""Run by scripts/test-wheel.sh inside a mount namespace where the system's Boost, ICU, spdlog and fmt
files are covered by empty files: the installed wheel must still import, score and split sentences, and
every copy of those libraries in this process must come from the wheel's stimmung.libs/."""

import ctypes
import ctypes.util

# Control: the loader still knows the system ICU but cannot load it, so what loads next is the wheel's.
name = ctypes.util.find_library("icuuc")
assert name, "the loader knows no system ICU"
try:
    ctypes.CDLL(name)
except OSError as e:
    print(f"control: the system {name} does not load here ({e})")
else:
    raise SystemExit(f"control failed: the system {name} still loads in the namespace")

import stimmung  # noqa: E402

s = stimmung.score("Die KI-Blase könnte bald platzen.")
print(f"stimmung {stimmung.__version__}: bubble={s.bubble:.2f} hedging={s.hedging:.2f}; "
      f"lexicon {stimmung.Scorer().fingerprint}")
assert s.bubble >= 0.5 and s.hedging >= 0.5, s
doc = stimmung.score_document("Die Börsen sind ruhig. Die Panik an den Märkten ist enorm.")
assert len(doc) == 2, "ICU sentence splitting"
with open("/proc/self/maps") as maps:
    libs = sorted({line.split()[-1] for line in maps
                   if any(k in line for k in ("libboost", "libicu", "libspdlog", "libfmt"))})
print("loaded:", *libs, sep="\n  ")
assert libs and all("/stimmung.libs/" in p for p in libs), libs

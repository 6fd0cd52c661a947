#!/usr/bin/python3
"""The comparison for `swelltrack report`: the same four-part trend report made the way a Python
script would make it with matplotlib (volume chart, RVC chart, per-point profile, session table).

    report_matplotlib.py HISTORY.json EXPORT.json OUT.pdf

HISTORY.json is `swelltrack history NAME --format json` (the figures per session) and EXPORT.json
is `swelltrack export NAME --format json` (the circumferences, for the profile), both written once
beforehand by .ci/bench. Timed whole process by hyperfine beside the real command.
"""
import json
import sys
from datetime import datetime

import matplotlib

matplotlib.use("pdf")
# Like the C++ report: the PDF base font Helvetica, not an embedded TrueType font (far faster to write).
matplotlib.rcParams["pdf.use14corefonts"] = True
matplotlib.rcParams["font.family"] = "sans-serif"
matplotlib.rcParams["font.sans-serif"] = ["Helvetica"]
matplotlib.rcParams["axes.unicode_minus"] = False  # Helvetica has no U+2212
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

A4 = (8.27, 11.69)
ROWS_PER_PAGE = 66


def pct(v):
    return "-" if v is None else f"{v:+.1f}%"


def ml(v):
    return "-" if v is None else f"{v:.0f}"


def main(history_path, export_path, out_path):
    with open(history_path) as f:
        history = json.load(f)
    with open(export_path) as f:
        client = json.load(f)["clients"][0]
    when = [datetime.fromisoformat(s["recorded_at"]) for s in history]
    whole = [s for s in history if not s["partial"]]
    days = [datetime.fromisoformat(s["recorded_at"]) for s in whole]

    with PdfPages(out_path) as pdf:
        # Page 1: volume of each limb over time.
        fig, ax = plt.subplots(figsize=A4)
        fig.suptitle(f"Limb volume trend report - {client['name']}", x=0.1, ha="left")
        for side, color in (("left", "tab:blue"), ("right", "tab:orange")):
            ax.plot(days, [s["volume_ml"][side] for s in whole], color=color, lw=0.6, label=f"{side} {client['limb']}")
        base = next((s for s in history if s["baseline"]), None)
        if base:
            ax.axvline(datetime.fromisoformat(base["recorded_at"]), color="grey", ls=":", label="baseline")
        ax.set_title("Limb volume over time")
        ax.set_ylabel("volume (mL)")
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.legend(fontsize=7, ncol=3)
        ax.grid(color="0.9")
        pdf.savefig(fig)
        plt.close(fig)

        # Page 2: RVC and % excess with the noise and threshold bands; the per-point profile.
        fig, (rvc, prof) = plt.subplots(2, 1, figsize=A4)
        rvc.axhspan(-3.5, 3.5, color="0.93", label="within measurement noise")
        rvc.axhspan(5, 10, color=(1, 0.93, 0.75), label="watch (5-10%)")
        rvc.axhspan(10, 100, color=(1, 0.84, 0.84), label="range (>= 10%)")
        rvc.plot(days, [s["rvc_pct"] for s in whole], lw=0.6, color="tab:blue", label="RVC since baseline")
        rvc.plot(days, [s["excess_pct"] for s in whole], lw=0.5, ls="--", color="grey", label="% excess")
        values = [v for s in whole for v in (s["rvc_pct"], s["excess_pct"]) if v is not None]
        rvc.set_ylim(min(-6, min(values) - 1), max(16, max(values) + 1))
        rvc.set_title("Relative volume change (RVC) and % excess over time")
        rvc.set_ylabel("change (%)")
        rvc.legend(fontsize=7, ncol=3)
        sessions = client["sessions"]
        first, last = sessions[0], sessions[-1]
        positions = [4 * k for k in range(len(first["left_mm"]))]
        for s, when_label, style in ((first, "baseline", "--"), (last, "latest", "-")):
            for side, color in (("left", "tab:blue"), ("right", "tab:orange")):
                cm = [None if v is None else v / 10 for v in s[f"{side}_mm"]]
                prof.plot(positions, cm, ls=style, marker="o", ms=2, color=color,
                          label=f"{side}, {when_label} {s['recorded_at'][:10]}")
        prof.set_title("Circumference at each point: baseline and latest")
        prof.set_xlabel("distance from the wrist (cm)")
        prof.set_ylabel("circumference (cm)")
        prof.legend(fontsize=7, ncol=2)
        prof.grid(color="0.9")
        pdf.savefig(fig)
        plt.close(fig)

        # The session table, continued over as many pages as it needs.
        header = ["Date", "Left mL", "Right mL", "Diff mL", "Excess", "RVC", "Wt kg", "Partial", "Alerts"]
        rows = [[w.strftime("%Y-%m-%d %H:%M"), ml(s["volume_ml"]["left"]), ml(s["volume_ml"]["right"]),
                 "-" if s["diff_ml"] is None else f"{s['diff_ml']:+.0f}", pct(s["excess_pct"]), pct(s["rvc_pct"]),
                 "-" if s["weight_kg"] is None else f"{s['weight_kg']:.1f}", "partial" if s["partial"] else "",
                 " ".join(a["code"] if isinstance(a, dict) else str(a) for a in s["alerts"])]
                for w, s in zip(when, history)]
        xs = [0.06, 0.24, 0.33, 0.42, 0.51, 0.60, 0.68, 0.76, 0.85]
        for start in range(0, len(rows), ROWS_PER_PAGE):
            fig = plt.figure(figsize=A4)
            chunk = rows[start:start + ROWS_PER_PAGE]
            for c, x in enumerate(xs):
                fig.text(x, 0.95, header[c], fontsize=7, weight="bold", va="top")
                fig.text(x, 0.93, "\n".join(r[c] for r in chunk), fontsize=7, va="top", linespacing=1.13)
            pdf.savefig(fig)
            plt.close(fig)


if __name__ == "__main__":
    main(*sys.argv[1:4])

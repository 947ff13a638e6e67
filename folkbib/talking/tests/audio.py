"""Checking audio with a real decoder (ffprobe), as a player would read it."""

from __future__ import annotations

import json
import subprocess
import tempfile


def probe(data: bytes) -> dict[str, object]:
    """Codec, sample rate, channels and duration of ``data``, decoded by ffprobe."""
    with tempfile.NamedTemporaryFile(suffix=".audio") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "stream=codec_name,sample_rate,channels:format=duration,format_name",
                "-of",
                "json",
                handle.name,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
    info = json.loads(out.stdout)
    stream = info["streams"][0]
    # A streamed Ogg may not state its duration in the header: decode to count it.
    duration = float(info["format"].get("duration") or 0)
    return {
        "codec": stream["codec_name"],
        "sample_rate": int(stream["sample_rate"]),
        "channels": int(stream["channels"]),
        "duration": duration,
        "container": info["format"]["format_name"],
    }

"""Baseline for bench/music_cpu.py: a bare PySide6 window whose label changes
once a second while pygame.mixer.music plays one file. Prints window_cpu_s
(this process's CPU over --seconds, after --warmup) and played_s."""

from __future__ import annotations

import argparse
import time

import pygame
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

parser = argparse.ArgumentParser()
parser.add_argument("--seconds", type=float, required=True)
parser.add_argument("--warmup", type=float, required=True)
parser.add_argument("--track", required=True)
args = parser.parse_args()

app = QApplication([])
label = QLabel("Playing")
label.resize(1280, 800)
label.show()
pygame.mixer.init(frequency=44100, size=-16, channels=2, buffer=2048)
pygame.mixer.music.load(args.track)
pygame.mixer.music.play()
started = time.monotonic()
marks: dict[str, float] = {}


def update() -> None:
    label.setText(f"Playing {time.monotonic() - started:.0f} s")


def mark(name: str) -> None:
    marks[name] = time.process_time()
    if name == "end":
        print(f"window_cpu_s={marks['end'] - marks['start']:.4f}", flush=True)
        print(f"played_s={pygame.mixer.music.get_pos() / 1000:.1f}", flush=True)
        pygame.mixer.quit()
        app.quit()


timer = QTimer()
timer.setInterval(1000)
timer.timeout.connect(update)
timer.start()
QTimer.singleShot(round(args.warmup * 1000), lambda: mark("start"))
QTimer.singleShot(round((args.warmup + args.seconds) * 1000), lambda: mark("end"))
app.exec()

"""A small, honest HTTP load generator: N keep-alive connections for a fixed time.

The connections run in threads spread over one process per CPU (so the
generator's interpreter lock does not cap fast pages). Each sends GET requests
back to back on its own http.client connection, reconnecting if the server
closes it, and records when each response finished and how long it took. Only
requests that start and finish inside the measured window count; a warm-up
before it is discarded. Any status other than 200, and any connection error,
counts as an error.
"""

from __future__ import annotations

import http.client
import math
import multiprocessing
import os
import statistics
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


@dataclass
class Sample:
    """One response: when it finished (seconds into the window), how long it took, its status."""

    finished: float
    latency: float
    status: int


@dataclass
class Result:
    """The figures for one page."""

    page: str
    seconds: float
    concurrency: int
    samples: list[Sample] = field(default_factory=list)
    connection_errors: int = 0
    server_cpu: float | None = None  # share of one core used by the server's processes
    client_cpu: float | None = None  # share of one core used by this load generator

    @property
    def ok(self) -> list[Sample]:
        """Responses with status 200."""
        return [sample for sample in self.samples if sample.status == 200]

    @property
    def requests(self) -> int:
        """Successful requests completed in the window."""
        return len(self.ok)

    @property
    def errors(self) -> int:
        """Non-200 responses plus connection errors."""
        return len(self.samples) - len(self.ok) + self.connection_errors

    @property
    def requests_per_second(self) -> float:
        """Successful requests divided by the window's length."""
        return self.requests / self.seconds

    @property
    def median_per_second(self) -> float:
        """The median of the per-second counts of successful requests (each whole second of the window)."""
        buckets = [0] * max(1, int(self.seconds))
        for sample in self.ok:
            index = int(sample.finished)
            if index < len(buckets):
                buckets[index] += 1
        return float(statistics.median(buckets))

    def percentile(self, percent: float) -> float:
        """Latency in milliseconds at `percent` (nearest rank) over successful requests."""
        latencies = sorted(sample.latency for sample in self.ok)
        if not latencies:
            return math.nan
        rank = max(1, math.ceil(percent / 100 * len(latencies)))
        return latencies[rank - 1] * 1000


def _cpu_ticks(pgid: int) -> int:
    """User plus system CPU ticks of every live process in a process group (Linux /proc)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid:  # fields[2] is pgrp; utime and stime are fields[11] and fields[12]
            total += int(fields[11]) + int(fields[12])
    return total


def _connections(
    host: str, port: int, path: str, headers: dict[str, str], count: int, begin: float, start: float, end: float
) -> tuple[list[Sample], int, float]:
    """Run `count` keep-alive connections in threads; return their samples, failures and this process's CPU."""
    per_worker: list[list[Sample]] = [[] for _ in range(count)]
    failures = [0] * count

    def worker(index: int) -> None:
        samples = per_worker[index]
        connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.connect()
        while (now := time.perf_counter()) < begin:
            time.sleep(min(0.01, begin - now))
        while True:
            started = time.perf_counter()
            if started >= end:
                break
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                failures[index] += started >= start
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
                continue
            finished = time.perf_counter()
            if start <= started and finished < end:
                samples.append(Sample(finished - start, finished - started, status))
            if response.will_close:
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.close()

    threads = [threading.Thread(target=worker, args=(index,), daemon=True) for index in range(count)]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, start - time.perf_counter()))
    cpu_before = time.process_time()
    for thread in threads:
        thread.join(timeout=end - time.perf_counter() + 60)
    cpu = time.process_time() - cpu_before
    return [sample for samples in per_worker for sample in samples], sum(failures), cpu


def _child(channel: Connection, *arguments: Any) -> None:
    samples, failures, cpu = _connections(*arguments)
    channel.send(([(s.finished, s.latency, s.status) for s in samples], failures, cpu))
    channel.close()


def drive(
    host: str,
    port: int,
    path: str,
    *,
    page: str,
    headers: dict[str, str],
    concurrency: int,
    seconds: float,
    warmup: float,
    server_pgid: int | None = None,
    processes: int | None = None,
) -> Result:
    """Send GET `path` from `concurrency` connections for `warmup` + `seconds`; measure the last `seconds`.

    The connections are spread over several processes (default: one per CPU) so
    that the generator's own interpreter lock does not limit fast pages.
    """
    result = Result(page=page, seconds=seconds, concurrency=concurrency)
    processes = max(1, min(concurrency, processes or os.cpu_count() or 1))
    begin = time.perf_counter() + 0.5  # CLOCK_MONOTONIC: the same clock in every process
    window_start = begin + warmup
    window_end = window_start + seconds
    context = multiprocessing.get_context("fork")
    children = []
    for index in range(processes):
        count = concurrency // processes + (1 if index < concurrency % processes else 0)
        receiver, sender = context.Pipe(duplex=False)
        arguments = (host, port, path, headers, count, begin, window_start, window_end)
        child = context.Process(target=_child, args=(sender, *arguments), daemon=True)
        child.start()
        sender.close()
        children.append((child, receiver))
    # Measure the server's CPU over the window only.
    time.sleep(max(0.0, window_start - time.perf_counter()))
    server_before = _cpu_ticks(server_pgid) if server_pgid else 0
    time.sleep(max(0.0, window_end - time.perf_counter()))
    server_after = _cpu_ticks(server_pgid) if server_pgid else 0
    client_cpu = 0.0
    for child, receiver in children:
        samples, failures, cpu = receiver.recv()
        child.join(timeout=60)
        result.samples.extend(Sample(*sample) for sample in samples)
        result.connection_errors += failures
        client_cpu += cpu
    if server_pgid:
        result.server_cpu = (server_after - server_before) / os.sysconf("SC_CLK_TCK") / seconds
    result.client_cpu = client_cpu / seconds
    return result

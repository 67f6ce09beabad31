"""The virtual clock: real time plus an offset that tests advance through the control API.
Instance states, spot notices and eventual consistency follow it; signature checks use the
real time, because clients sign with theirs."""
import datetime
import threading


class VirtualClock:
    def __init__(self):
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self):
        with self._lock:
            offset = self._offset
        return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset)

    def advance(self, seconds):
        with self._lock:
            self._offset += float(seconds)


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def parse_iso(text):
    text = text.replace("Z", "+00:00")
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)

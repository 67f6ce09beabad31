"""EC2 instances on the virtual clock, capacity pools, vCPU quotas and faults."""
import datetime
import secrets
from dataclasses import dataclass, field

STATE_CODES = {"pending": 0, "running": 16, "shutting-down": 32, "terminated": 48}
SPOT_NOTICE = datetime.timedelta(minutes=2)  # EC2 User Guide, "Spot Instance interruption notices"

# stateReason codes and messages as EC2 reports them (EC2 API Reference, StateReason).
REASON_USER = ("Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown")
REASON_OS = ("Client.InstanceInitiatedShutdown",
             "Client.InstanceInitiatedShutdown: Instance initiated shutdown")
REASON_SPOT = ("Server.SpotInstanceTermination",
               "Server.SpotInstanceTermination: Spot instance termination")


@dataclass
class Timing:
    pending_seconds: float = 5.0
    shutting_down_seconds: float = 5.0
    consistency_delay_seconds: float = 0.0  # a fresh instance is missing from Describe this long
    terminated_visible_seconds: float = 3600.0


@dataclass
class Instance:
    instance_id: str
    reservation_id: str
    instance_type: str
    region: str
    az: str
    subnet_id: str
    image_id: str
    market: str  # "on-demand" | "spot"
    client_token: str
    tags: dict
    key_name: str
    security_groups: list
    user_data: bytes
    launched_at: datetime.datetime
    visible_at: datetime.datetime
    end_at: datetime.datetime = None  # when shutting-down begins
    reason: tuple = None
    transition_reason: str = ""
    notice_at: datetime.datetime = None  # spot interruption notice
    vcpus: int = 0
    quota_class: str = "standard"
    arch: str = "x86_64"
    instance_profile: str = None  # IAM instance profile name, if launched with one
    params: dict = field(default_factory=dict)

    def state(self, now, timing):
        if self.end_at is not None and now >= self.end_at:
            done = self.end_at + datetime.timedelta(seconds=timing.shutting_down_seconds)
            return "terminated" if now >= done else "shutting-down"
        pending_until = self.launched_at + datetime.timedelta(seconds=timing.pending_seconds)
        return "running" if now >= pending_until else "pending"

    def end(self, now, reason, transition):
        """Begins shutting down at now unless an earlier end is already scheduled."""
        if self.end_at is None or now < self.end_at:
            self.end_at = now
            self.reason = reason
            self.transition_reason = transition

    def interrupt(self, now):
        """Spot interruption: the notice now, the shutdown two minutes later."""
        if self.notice_at is None:
            self.notice_at = now
            gmt = now.strftime("%Y-%m-%d %H:%M:%S GMT")
            self.end(now + SPOT_NOTICE, REASON_SPOT, f"Service initiated ({gmt})")


def new_id(prefix):
    return f"{prefix}-{secrets.token_hex(9)[:17]}"


@dataclass
class Faults:
    """What tests inject through the control API (README.md lists the JSON forms)."""
    capacity: list = field(default_factory=list)  # {az?, market?, instance_type?, remaining}
    quotas: dict = field(default_factory=dict)  # "class:market" -> vCPUs
    lost_replies: dict = field(default_factory=dict)  # action -> count
    errors: list = field(default_factory=list)  # {action, code, message?, status?, count}
    spot_interrupt_after_seconds: float = None  # every spot instance, after running this long

    def take_error(self, action):
        for entry in self.errors:
            if entry["action"] == action and entry.get("count", 1) > 0:
                entry["count"] = entry.get("count", 1) - 1
                return entry
        return None

    def take_lost_reply(self, action):
        if self.lost_replies.get(action, 0) > 0:
            self.lost_replies[action] -= 1
            return True
        return False

    def capacity_pool(self, az, market, instance_type):
        for pool in self.capacity:
            if pool.get("az", az) == az and pool.get("market", market) == market and \
                    pool.get("instance_type", instance_type) == instance_type:
                return pool
        return None


class TokenBucket:
    """EC2's request throttling: a bucket of tokens refilled at a steady rate (EC2 API
    Reference, "Request throttling"). Unlimited until a test configures it."""

    def __init__(self):
        self.capacity = None
        self.refill_per_second = 0.0
        self.tokens = 0.0
        self.last = None

    def configure(self, capacity, refill_per_second, now):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.tokens = float(capacity) if capacity is not None else 0.0
        self.last = now

    def take(self, now):
        if self.capacity is None:
            return True
        elapsed = (now - self.last).total_seconds()
        self.last = now
        self.tokens = min(float(self.capacity), self.tokens + elapsed * self.refill_per_second)
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False

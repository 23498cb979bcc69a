"""Cross-key correlation: keys drawing on one prompt pool are linked and scored as one actor.

A "hydra" spreads one harvest over many keys so each stays under every per-key threshold. What
the keys cannot hide is the pool itself: the same exact prompts (the pool is finite) and the same
templates (skeletons that repeat inside each key's window). Each time a key uses such an item that
another key already used, the pair's shared count grows; at `link_min_shared` the two keys are
merged (union-find) - if the shared items are also at least `link_min_fraction` of the smaller
key's distinct items, so two busy keys that happen to share a few phrasings stay apart. Generic phrasings are not evidence: a skeleton only counts once it repeats
within a key, exact prompts need 8+ words, and an item already seen from `max_fanout` keys is
treated as common knowledge and ignored. Public benchmark items are everyone's: a prompt the
content flags call an evaluation item is never a pool item (two researchers running one suite
stay apart).

Keys are also linked by who sends them (`observe_identity`), when the body shares nothing:
- an account field the operator attached (organisation, payment fingerprint...) with the same
  value on two keys links them at once; a weak field (`WEAK_ACCOUNT`: a sign-up network is a
  campus or an office) only together with the same client fingerprint;
- a client fingerprint (exact user agent, header-name set, sampling settings, system prompt)
  links the keys that share it once `FINGERPRINT_GROUP` keys do - a coincidence between two
  users of one SDK build is common, a group of keys with one build and one settings tuple is
  one script - unless more than `max_fanout` keys share it (a popular default: no evidence).
And by when they send (`observe_time`): one scheduler driving many keys makes them *start* requests
in the same second, again and again. Only onsets count - a key's first request after
`TICK_QUIET` quiet seconds - so busy keys (a harness at concurrency 8, an app backend) say nothing:
their every second is taken. Two keys are linked once `TICK_MIN_SHARED` of their onsets fell
within one second of each other (either order: events may arrive a little late) and that is at
least `TICK_MIN_FRACTION` of the sparser key's onsets. Independent keys coincide at about three
seconds in the other key's mean onset gap; keys whose onsets come more often than every
`TICK_MIN_GAP_S` are not counted, so chance stays at or below 25% an onset and 30 hits at 70% is
far out in the binomial tail. Periodic keys (fixed-interval jobs: two owners' cron jobs at the
same offset of the minute would look synchronised) and the first two seconds of each wall-clock
minute (everyone's cron fires at :00) are not counted either, nor are evaluation runs (the
detector's call). Cost is bounded: at most `TICK_FANOUT` keys' onsets are kept per second, so a
service with more onsets than that a second links by timing only among the first of each second.
A key evicted from the bounded index starts afresh: its old pair counts are dropped with it.
A client fingerprint is the one link anybody can forge: user agent, header names, sampling settings
and system prompt are all chosen by the client, so whoever knows another customer's exact
fingerprint can send a harvest under it from two keys of their own and link that customer's key
(session 23's reviewer took a benign key to suspect 0.996 that way). `firm` is a second union-find
over the other links only (shared pool items, an operator's account field, timing): a key's firm
group is the part of its cluster it is tied to by evidence the client did not choose, and the
detector lets the rest of the cluster lend that group volume, not content (Detector._linked_score).
Links are permanent (a cluster only grows). Item hashes are `stable_hash`, never Python's salted
`hash`, so a state saved by one process (detector.persist) means the same in the next.

Stream workers (detector/links.py) share this evidence: with `log` set to a list, every pool item,
identity item and request time a key brings is appended to it as plain JSON-able data, and another
worker's `Clusters` applies those entries through `replay`, the same code at the same thresholds.
An entry applied twice changes nothing (the key is already among the item's keys; the onset second
is not after the key's last request; only an item already past `max_fanout` counts once more
among the key's distinct items), so a worker that replays its stream after a restart may log its
entries again.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable

from stillroom.detector.text import stable_hash

WEAK_ACCOUNT = frozenset({"signup_network", "network", "ip", "country"})
# The account field that says which customer holds a key (`keys create --account organisation=...`):
# a strong link like the others, and also the key's owner (`owner`)
ORGANISATION = frozenset({"organisation", "organization"})
FINGERPRINT_GROUP = 3
TICK_QUIET = 3  # seconds without a request before a request is an onset
TICK_MIN_SHARED = 30
TICK_MIN_FRACTION = 0.7
TICK_MIN_GAP_S = 12.0  # a key's mean gap between onsets below this: too busy to time
TICK_FANOUT = 32
TICK_KEEP = 8  # seconds of onsets kept: events may arrive a little out of order


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        ma, mb = self.members.get(ra, {ra}), self.members.get(rb, {rb})
        if len(ma) < len(mb):
            ra, rb, ma, mb = rb, ra, mb, ma
        self.parent[rb] = ra
        self.members[ra] = ma | mb
        self.members.pop(rb, None)
        return ra

    def group(self, x: str) -> set[str]:
        return self.members.get(self.find(x), {x})


class Clusters:
    """Bounded indexes: at most `max_items` pool items and `max_pairs` pair counters (LRU)."""

    def __init__(
        self,
        link_min_shared: int = 5,
        link_min_fraction: float = 0.1,
        max_items: int = 200_000,
        max_fanout: int = 64,
        max_pairs: int = 200_000,
        public: Callable[[str], bool] | None = None,
    ):
        # `public(key)`: whether a key is (now) known as evaluation traffic. Shared pool items do
        # not link to it: what it sent before it was labelled stays in the pool, and a second
        # evaluator running the same suite would otherwise link on it (Detector.observe)
        self.public = public
        self.uf = UnionFind()
        self.items: OrderedDict[tuple[str, int], set[str]] = OrderedDict()
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.evidence: dict[str, Counter[str]] = {}  # cluster root -> kind -> shared items seen
        self.distinct: Counter[str] = Counter()  # key -> distinct pool items it used
        self.firm = UnionFind()  # the same links but client fingerprints (see the module docstring)
        # timing (observe_time): key -> [first onset second, last request second, onsets, generation]
        self.ticks: OrderedDict[str, list[int]] = OrderedDict()
        self.slots: OrderedDict[int, list[str]] = OrderedDict()  # second -> keys with an onset in it
        # pair -> [coinciding onsets, the two keys' generations when counting began]
        self.tick_pairs: dict[tuple[str, str], list[int]] = {}
        self.tick_gen = 0  # numbers each key's entry in `ticks`: a key evicted and back is new
        self.orgs: dict[str, int] = {}  # key -> its organisation's item hash (`owner`)
        self.log: list[list] | None = None  # see the module docstring (detector/links.py sets it)
        self.link_frac = link_min_fraction
        self.link_min, self.max_items, self.max_fanout, self.max_pairs = (
            link_min_shared,
            max_items,
            max_fanout,
            max_pairs,
        )

    def observe(self, key: str, skeleton: int, skeleton_repeats: bool, digest: int, n_words: int) -> None:
        if skeleton and skeleton_repeats:
            self._use(key, ("skeleton", skeleton))
        if digest and n_words >= 8:
            self._use(key, ("prompt", digest))

    def _use(self, key: str, item: tuple[str, int]) -> None:
        if self.log is not None:
            self.log.append(["u", key, item[0], item[1]])
        keys = self.items.get(item)
        if keys is None or key not in keys:
            self.distinct[key] += 1
        if keys is None:
            self.items[item] = {key}
            if len(self.items) > self.max_items:
                self.items.popitem(last=False)
            return
        self.items.move_to_end(item)
        if key in keys or len(keys) >= self.max_fanout:
            return
        for other in keys:
            if self.public is not None and self.public(other):
                continue
            pair = (min(key, other), max(key, other))
            self.pairs[pair] += 1
            shared = self.pairs[pair]
            enough = shared >= self.link_min and shared >= self.link_frac * min(
                self.distinct[key], self.distinct[other]
            )
            if enough:  # a pair already in one cluster (by fingerprint, say) is firm now too
                self.firm.union(key, other)
            if self.uf.find(key) == self.uf.find(other):
                self.evidence.setdefault(self.uf.find(key), Counter())[item[0]] += 1
            elif enough:
                root = self.uf.union(key, other)
                self.evidence.setdefault(root, Counter())[item[0]] += shared
        keys.add(key)
        if len(self.pairs) > self.max_pairs:
            for p, _ in self.pairs.most_common()[-len(self.pairs) // 10 :]:
                del self.pairs[p]

    def observe_time(self, key: str, ts: float, count: bool = True) -> None:
        """Note the key's request for timing links (see the module docstring). `count=False`: the
        request only ends the key's quiet spell (an evaluation item, a periodic key's request)."""
        second = int(ts)
        if self.log is not None:
            self.log.append(["t", key, second, count])
        tick = self.ticks.get(key)
        if tick is None:
            self.tick_gen += 1
            tick = self.ticks[key] = [second, second - TICK_QUIET, 0, self.tick_gen]
            if len(self.ticks) > self.max_items:
                self.ticks.popitem(last=False)
        else:
            self.ticks.move_to_end(key)
        last, tick[1] = tick[1], max(tick[1], second)
        if not count or second - last < TICK_QUIET:
            return
        tick[2] += 1
        if second % 60 < 2 or self._busy(tick):
            return
        near = [k for s in (second - 1, second, second + 1) for k in self.slots.get(s, ())]
        here = self.slots.get(second)
        if here is None:
            here = self.slots[second] = []
            while len(self.slots) > TICK_KEEP:
                self.slots.popitem(last=False)
        if len(here) >= TICK_FANOUT:
            return
        for other in near:
            o = self.ticks.get(other)
            if other == key or o is None or self._busy(o):
                continue
            pair = (min(key, other), max(key, other))
            gens = (tick[3], o[3]) if key < other else (o[3], tick[3])
            got = self.tick_pairs.get(pair)
            if got is None or (got[1], got[2]) != gens:  # new, or one key came back after eviction
                got = self.tick_pairs[pair] = [0, *gens]
            got[0] += 1
            if got[0] >= TICK_MIN_SHARED and got[0] >= TICK_MIN_FRACTION * min(tick[2], o[2]):
                self.firm.union(key, other)
                if self.uf.find(key) != self.uf.find(other):
                    root = self.uf.union(key, other)
                    self.evidence.setdefault(root, Counter())["timing"] += got[0]
        here.append(key)
        if len(self.tick_pairs) > self.max_pairs:
            for p in sorted(self.tick_pairs, key=lambda p: self.tick_pairs[p][0])[
                : len(self.tick_pairs) // 10
            ]:
                del self.tick_pairs[p]

    @staticmethod
    def _busy(tick: list[int]) -> bool:
        """A key whose onsets come more often than every TICK_MIN_GAP_S."""
        return tick[2] > 1 and (tick[1] - tick[0]) / (tick[2] - 1) < TICK_MIN_GAP_S

    def observe_identity(self, key: str, account: dict[str, str], fingerprint: int) -> None:
        """Link `key` with keys sharing a strong account value, a fingerprint plus a weak account
        value, or a fingerprint used by a group of keys (see the module docstring)."""
        for name, value in account.items():
            if value and name not in WEAK_ACCOUNT:
                kind = "org" if name in ORGANISATION else "account"
                self._identity(key, (kind, stable_hash(repr((name, value)))), 2)
            elif value and fingerprint:
                self._identity(key, ("account+client", stable_hash(repr((name, value, fingerprint)))), 2)
        if fingerprint:
            self._identity(key, ("client", fingerprint), FINGERPRINT_GROUP)

    def _identity(self, key: str, item: tuple[str, int], group: int) -> None:
        if self.log is not None:
            self.log.append(["i", key, item[0], item[1], group])
        if item[0] == "org":
            self.orgs[key] = item[1]
        keys = self.items.get(item)
        if keys is None:
            keys = self.items[item] = set()
            if len(self.items) > self.max_items:
                self.items.popitem(last=False)
        if key in keys or len(keys) >= self.max_fanout:
            return
        keys.add(key)
        if len(keys) >= group:
            for other in keys:
                if item[0] != "client":  # an operator's account field: the client did not choose it
                    self.firm.union(key, other)
                if self.uf.find(other) != self.uf.find(key):
                    root = self.uf.union(key, other)
                    self.evidence.setdefault(root, Counter())[item[0]] += 1

    def replay(self, entries: list[list]) -> None:
        """Apply what another `Clusters` logged (see the module docstring); not logged again."""
        log, self.log = self.log, None
        try:
            for kind, key, *a in entries:
                if kind == "u":
                    self._use(key, (a[0], int(a[1])))
                elif kind == "i":
                    self._identity(key, (a[0], int(a[1])), int(a[2]))
                elif kind == "t":
                    self.observe_time(key, float(a[0]), bool(a[1]))
        finally:
            self.log = log

    def owner(self, key: str) -> str:
        """Who holds the key: its organisation (an operator's account field) when it has one, else
        the key itself. A company that gives each developer, repository, tenant or student a key
        is one owner with many keys (blind round 20: 28 to 84 keys each), not an actor splitting a
        sweep over accounts (score: fan_out counts owners)."""
        org = self.orgs.get(key)
        return key if org is None else f"org:{org:x}"

    def sent_before(self, key: str, digest: int, n_words: int) -> bool:
        """Whether another key of `key`'s cluster already sent this prompt (its word digest; only
        prompts that `observe` indexes, 8+ words): to the actor it is no new item. Prompts every
        member sends - a course's notebook, a hackathon's starter prompts, a CI battery - were
        counted as one new dataset item per key, so a pooled cluster of 84 keys read 97% of its
        requests as instruction-set items (blind round 20). Only the same cluster: two unrelated
        distillers replaying one public instruction set each keep their items."""
        keys = self.items.get(("prompt", digest)) if digest and n_words >= 8 else None
        if not keys:
            return False
        root = self.uf.find(key)
        return any(k != key and self.uf.find(k) == root for k in keys)

    def cluster_of(self, key: str) -> str | None:
        """A stable id for the key's cluster (its alphabetically first member), None when alone."""
        group = self.uf.group(key)
        return f"cluster:{min(group)}" if len(group) > 1 else None

    def members(self, key: str) -> set[str]:
        return self.uf.group(key)

    def firm_members(self, key: str) -> set[str]:
        """The keys tied to `key` by links other than a client fingerprint (itself at least)."""
        return self.firm.group(key)

    def all(self) -> list[set[str]]:
        return [m for m in self.uf.members.values() if len(m) > 1]

    def shared_items(self, key: str) -> dict[str, int]:
        merged: Counter[str] = Counter()
        for root, ev in self.evidence.items():
            if self.uf.find(root) == self.uf.find(key):
                merged.update(ev)
        return dict(merged)
